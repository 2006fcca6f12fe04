#include "dense/saved/format.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "dense/cholesky_factor.hpp"
#include "dense/cod_factor.hpp"
#include "dense/eigh_factor.hpp"
#include "dense/ldlt_factor.hpp"
#include "dense/lu_factor.hpp"
#include "dense/qr_factor.hpp"
#include "dense/rectangular_lu_factor.hpp"
#include "dense/saved/state.hpp"
#include "dense/svd_factor.hpp"

namespace fl {
namespace {

constexpr char magic[8] = {'F', 'L', 'F', 'A', 'C', 'T', 'O', 'R'};
constexpr std::uint32_t format_version = 1;
constexpr std::uint32_t byte_order_mark = 0x01020304;
constexpr index_t header_size = 56;
constexpr index_t checksum_size = 8;

// The container's fields after the magic, in order.
struct Header {
    std::uint32_t format;
    std::uint32_t byte_order;
    std::uint32_t library_version;
    std::uint32_t kind;
    std::uint32_t dtype;
    std::uint32_t index_size;
    std::int64_t rows;
    std::int64_t cols;
    std::uint64_t payload_size;
};
static_assert(sizeof(Header) == header_size - sizeof(magic), "the header is packed");

std::uint64_t checksum(const unsigned char *p, index_t size) {
    constexpr std::uint64_t odd = 0x100000001b3ULL;  // FNV-1a's 64-bit prime
    std::uint64_t h = 0xcbf29ce484222325ULL;
    index_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * odd;
    }
    for (; i < size; ++i) h = (h ^ p[i]) * odd;
    return h;
}

std::string version_string(std::uint32_t v) {
    return std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." +
           std::to_string(v % 100);
}

[[noreturn]] void rejected(ErrorCode code, const std::string &why) {
    throw Error(code, "buffer " + why);
}

template <template <class> class Kind>
std::unique_ptr<Factor> restore(bool single, StateReader &in) {
    if (single) return std::make_unique<Kind<float>>(in);
    return std::make_unique<Kind<double>>(in);
}

// An LU record of a non-square A is a rectangular LU's (rectangular_lu_state.cpp); square
// records, older ones included, are LuFactor's as they always were.
std::unique_ptr<Factor> restore_lu(bool single, StateReader &in) {
    if (in.rows() != in.cols()) return restore<RectangularLuFactor>(single, in);
    return restore<LuFactor>(single, in);
}

// The kinds the format holds: kind code i + 1 (fl_factor_kind's values, fixed here for good)
// is saved_kinds[i].
const struct {
    FactorKind kind;
    std::unique_ptr<Factor> (*restore)(bool single, StateReader &in);
} saved_kinds[] = {
    {FactorKind::lu, restore_lu},            {FactorKind::cholesky, restore<CholeskyFactor>},
    {FactorKind::ldlt, restore<LdltFactor>}, {FactorKind::qr, restore<QrFactor>},
    {FactorKind::cod, restore<CodFactor>},   {FactorKind::svd, restore<SvdFactor>},
    {FactorKind::eigh, restore<EighFactor>}};
constexpr std::uint32_t saved_kind_count = sizeof(saved_kinds) / sizeof(saved_kinds[0]);

std::uint32_t kind_code(FactorKind kind) {
    for (std::uint32_t i = 0; i < saved_kind_count; ++i)
        if (saved_kinds[i].kind == kind) return i + 1;
    throw Error(ErrorCode::internal, "no format code for a saved kind");  // save() throws first
}

std::unique_ptr<Factor> restore_kind(std::uint32_t kind, bool single, StateReader &in) {
    if (kind < 1 || kind > saved_kind_count)
        rejected(ErrorCode::invalid_argument, "holds kind " + std::to_string(kind) +
                                                  ", which is no saved kind (1 to " +
                                                  std::to_string(saved_kind_count) + ")");
    return saved_kinds[kind - 1].restore(single, in);
}

// The header, checked; rows and cols within what LAPACK's integers allow.
Header checked_header(const unsigned char *data, index_t size, std::uint32_t library_version) {
    const index_t smallest = header_size + checksum_size;
    if (size < smallest)
        rejected(ErrorCode::invalid_argument,
                 "size = " + std::to_string(size) +
                     " is shorter than the smallest serialized factor (" +
                     std::to_string(smallest) + " bytes): truncated");
    if (std::memcmp(data, magic, sizeof(magic)) != 0)
        rejected(ErrorCode::invalid_argument,
                 "does not start with \"FLFACTOR\": not a serialized fastlinalg factor");
    Header h;
    std::memcpy(&h, data + sizeof(magic), sizeof(h));
    if (h.byte_order != byte_order_mark)
        rejected(ErrorCode::unsupported, "was written on a machine of the other byte order");
    if (h.format != format_version)
        rejected(ErrorCode::unsupported, "has format version " + std::to_string(h.format) +
                                             " (written by fastlinalg " +
                                             version_string(h.library_version) + "); fastlinalg " +
                                             version_string(library_version) + " reads version " +
                                             std::to_string(format_version));
    const std::uint64_t expected = static_cast<std::uint64_t>(size - smallest);
    if (h.payload_size != expected)
        rejected(ErrorCode::invalid_argument,
                 "holds " + std::to_string(size) + " bytes but its header announces " +
                     (h.payload_size > std::uint64_t(std::numeric_limits<index_t>::max() - smallest)
                          ? std::string("more than int64 can count")
                          : std::to_string(h.payload_size + std::uint64_t(smallest))) +
                     ": truncated or padded");
    std::uint64_t stored;
    std::memcpy(&stored, data + size - checksum_size, checksum_size);
    if (stored != checksum(data, size - checksum_size))
        rejected(ErrorCode::invalid_argument,
                 "fails its checksum: the serialized factor is corrupted");
    if (h.dtype != 1 && h.dtype != 2)
        rejected(ErrorCode::invalid_argument,
                 "holds dtype " + std::to_string(h.dtype) + " (1 or 2 expected)");
    if (h.index_size != sizeof(lapack_int))
        rejected(ErrorCode::unsupported, "holds " + std::to_string(h.index_size) +
                                             "-byte LAPACK integers; this library's are " +
                                             std::to_string(sizeof(lapack_int)));
    const index_t largest = std::numeric_limits<lapack_int>::max();
    if (h.rows < 0 || h.cols < 0 || h.rows > largest || h.cols > largest)
        rejected(ErrorCode::invalid_argument, "holds an A of " + std::to_string(h.rows) + " by " +
                                                  std::to_string(h.cols) + ", not a LAPACK size");
    return h;
}

}  // namespace

// The dtype as the file stores it: the public fl_dtype value. A switch without a default, so a
// new Dtype is a compiler warning here until the format says how it is stored.
static std::uint32_t dtype_code(Dtype dtype) {
    switch (dtype) {
    case Dtype::float32: return 1u;
    case Dtype::float64: return 2u;
    case Dtype::complex64:
    case Dtype::complex128:
        throw Error(ErrorCode::unsupported, "a complex factor has no serialized form yet");
    }
    throw Error(ErrorCode::internal, "unknown dtype in a factor being saved");
}

index_t serialized_size(const Factor &f) {
    StateWriter counter;
    f.save(counter);
    return header_size + counter.size() + checksum_size;
}

void serialize(const Factor &f, std::uint32_t library_version, unsigned char *buffer) {
    StateWriter payload(buffer + header_size);
    f.save(payload);
    const Header h{format_version,
                   byte_order_mark,
                   library_version,
                   kind_code(f.kind()),
                   dtype_code(f.dtype()),
                   static_cast<std::uint32_t>(sizeof(lapack_int)),
                   f.rows(),
                   f.cols(),
                   static_cast<std::uint64_t>(payload.size())};
    std::memcpy(buffer, magic, sizeof(magic));
    std::memcpy(buffer + sizeof(magic), &h, sizeof(h));
    const index_t end = header_size + payload.size();
    const std::uint64_t sum = checksum(buffer, end);
    std::memcpy(buffer + end, &sum, checksum_size);
}

std::unique_ptr<Factor> deserialize(const unsigned char *data, index_t size,
                                    std::uint32_t library_version) {
    const Header h = checked_header(data, size, library_version);
    StateReader in(data + header_size, static_cast<index_t>(h.payload_size), h.rows, h.cols);
    std::unique_ptr<Factor> f = restore_kind(h.kind, h.dtype == 1, in);
    in.finish();
    return f;
}

}  // namespace fl
