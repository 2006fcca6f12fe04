// A stack of count matrices in one buffer, as the batched calls take them: each matrix in
// either layout with `pad` extra elements per leading dimension and `gap` elements between
// matrices, padding and gaps filled with NaN so that a read of them shows.
#ifndef FASTLINALG_TESTS_STACK_SUPPORT_HPP
#define FASTLINALG_TESTS_STACK_SUPPORT_HPP

#include "test_support.hpp"

namespace fltest {

template <class T>
class StackOf {
public:
    StackOf(int64_t count, int64_t rows, int64_t cols, fl_layout layout, int64_t pad = 0,
            int64_t gap = 0)
        : count_(count), rows_(rows), cols_(cols), layout_(layout) {
        ld_ = std::max<int64_t>(1, layout == FL_COL_MAJOR ? rows : cols) + pad;
        const int64_t outer = layout == FL_COL_MAJOR ? cols : rows;
        stride_ = ld_ * outer + gap;
        data_.assign(static_cast<size_t>(std::max<int64_t>(count * stride_, 1)),
                     std::numeric_limits<T>::quiet_NaN());
    }
    int64_t count() const { return count_; }
    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    int64_t ld() const { return ld_; }
    int64_t stride() const { return stride_; }
    fl_layout layout() const { return layout_; }
    T *data() { return data_.data(); }
    const T *data() const { return data_.data(); }
    T &operator()(int64_t l, int64_t i, int64_t j) { return data_[index(l, i, j)]; }
    T operator()(int64_t l, int64_t i, int64_t j) const { return data_[index(l, i, j)]; }
    Ref ref(int64_t l) const {
        Ref r(rows_, cols_);
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j)
                r(i, j) = static_cast<long double>((*this)(l, i, j));
        return r;
    }
    void set(int64_t l, const Ref &r) {
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) (*this)(l, i, j) = static_cast<T>(r(i, j));
    }
    bool all_nan(int64_t l) const {
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j)
                if (!std::isnan((*this)(l, i, j))) return false;
        return true;
    }
    // Whether the padding and gaps still hold NaN (the library wrote only the matrices).
    bool gaps_untouched() const {
        std::vector<bool> inside(data_.size(), false);
        for (int64_t l = 0; l < count_; ++l)
            for (int64_t i = 0; i < rows_; ++i)
                for (int64_t j = 0; j < cols_; ++j) inside[index(l, i, j)] = true;
        for (size_t k = 0; k < data_.size(); ++k)
            if (!inside[k] && !std::isnan(data_[k])) return false;
        return true;
    }

private:
    size_t index(int64_t l, int64_t i, int64_t j) const {
        return static_cast<size_t>(l * stride_ +
                                   (layout_ == FL_COL_MAJOR ? i + j * ld_ : i * ld_ + j));
    }
    int64_t count_, rows_, cols_, ld_ = 1, stride_ = 1;
    fl_layout layout_;
    std::vector<T> data_;
};

}  // namespace fltest

#endif
