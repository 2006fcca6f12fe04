# A factor as bytes (the library's checked format, fl_factor_serialize), and through a file:
# a factorization that took minutes is reused by another process without factoring again.

"The serialized bytes of F, which `deserialize_factor` turns back into an equal factor."
function serialize_factor(F::Factor)
    size = Ref{Int64}(0)
    check(ccall((:fl_factor_serialized_size, libfastlinalg), Cint, (Ptr{Cvoid}, Ref{Int64}), F, size))
    bytes = Vector{UInt8}(undef, size[])
    check(ccall((:fl_factor_serialize, libfastlinalg), Cint, (Ptr{Cvoid}, Ptr{Cvoid}, Int64),
                F, bytes, size[]))
    return bytes
end

"""
    deserialize_factor(bytes) -> Factor

The factor `serialize_factor` (or any binding's save) wrote, with the element type it was
saved with. Truncated, corrupted or foreign bytes throw a FastLinalgError with status 1,
another format version or byte order status 9.
"""
function deserialize_factor(bytes::Vector{UInt8})
    out = Ref{Ptr{Cvoid}}(C_NULL)
    check(ccall((:fl_factor_deserialize, libfastlinalg), Cint, (Ref{Ptr{Cvoid}}, Ptr{Cvoid}, Int64),
                out, bytes, length(bytes)))
    code = ccall((:fl_factor_get_dtype, libfastlinalg), Cint, (Ptr{Cvoid},), out[])
    return Factor{code == FL_FLOAT32 ? Float32 : Float64}(out[])
end

"Writes `serialize_factor(F)` to the file at path."
save_factor(path::AbstractString, F::Factor) = (write(path, serialize_factor(F)); nothing)

"Reads a factor `save_factor` wrote to the file at path."
load_factor(path::AbstractString) = deserialize_factor(read(path))
