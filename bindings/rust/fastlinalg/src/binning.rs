//! Binning as numpy's digitize and bincount define it, and grouping indices by bin.

use crate::error::{check, Result};
use crate::matrix::{expect_len, i64_of};
use crate::scalar::Scalar;
use fastlinalg_sys as sys;

/// The bin of each x between monotone `edges`, as numpy.digitize(x, edges, right).
pub fn digitize<T: Scalar>(x: &[T], edges: &[T], right: bool) -> Result<Vec<i64>> {
    let mut bins = vec![0i64; x.len()];
    check(unsafe {
        sys::fl_digitize(
            T::DTYPE,
            i64_of("n", x.len())?,
            x.as_ptr().cast(),
            i64_of("nedges", edges.len())?,
            edges.as_ptr().cast(),
            right as std::os::raw::c_int,
            bins.as_mut_ptr(),
        )
    })?;
    Ok(bins)
}

/// counts[b] = how many labels equal b, for 0 <= b < nbins.
pub fn bincount(labels: &[i64], nbins: usize) -> Result<Vec<i64>> {
    let mut counts = vec![0i64; nbins];
    check(unsafe {
        sys::fl_bincount(
            i64_of("n", labels.len())?,
            labels.as_ptr(),
            i64_of("nbins", nbins)?,
            counts.as_mut_ptr(),
        )
    })?;
    Ok(counts)
}

/// sums[b] = the sum of weights[i] over the i with labels[i] = b.
pub fn bincount_weighted<T: Scalar>(labels: &[i64], weights: &[T], nbins: usize) -> Result<Vec<T>> {
    expect_len("bincount_weighted", "weights", weights.len(), labels.len())?;
    let mut sums = vec![T::default(); nbins];
    check(unsafe {
        sys::fl_bincount_weighted(
            i64_of("n", labels.len())?,
            labels.as_ptr(),
            T::DTYPE,
            weights.as_ptr().cast(),
            i64_of("nbins", nbins)?,
            sums.as_mut_ptr().cast(),
        )
    })?;
    Ok(sums)
}

/// (offsets, perm): perm[offsets[b] .. offsets[b + 1]] are the i with labels[i] = b, increasing.
pub fn group_by_bin(labels: &[i64], nbins: usize) -> Result<(Vec<i64>, Vec<i64>)> {
    let mut offsets = vec![0i64; nbins.saturating_add(1)];
    let mut perm = vec![0i64; labels.len()];
    check(unsafe {
        sys::fl_group_by_bin(
            i64_of("n", labels.len())?,
            labels.as_ptr(),
            i64_of("nbins", nbins)?,
            offsets.as_mut_ptr(),
            perm.as_mut_ptr(),
        )
    })?;
    Ok((offsets, perm))
}
