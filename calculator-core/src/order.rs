//! Stable sorting through one small shared routine.
//!
//! Each `sort_by` on a new element type or closure adds its own copy of the
//! standard library's sort (about 3 KB of wasm each, 9 KB for the first).
//! The core sorts only short lists, a handful of times per catalog or
//! profile, so every sort goes through one merge sort over indices instead;
//! the browser builds that use the core (the page, the widget) sort through
//! it too.
//!
//! ```
//! let mut v = vec![("b", 2), ("a", 1), ("c", 1)];
//! calculator_core::order::sort_by_key(&mut v, |x| x.1);
//! assert_eq!(v, [("a", 1), ("c", 1), ("b", 2)]);
//! ```

use std::cmp::Ordering;

/// The positions `0..n` in the stable order `cmp` gives: a bottom-up merge
/// sort, O(n log n) for any input, in a fraction of the standard sort's code.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        merged.clear();
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            while i < mid && j < end {
                // Ties take the left run first: that keeps the sort stable.
                if cmp(order[j], order[i]) == Ordering::Less {
                    merged.push(order[j]);
                    j += 1;
                } else {
                    merged.push(order[i]);
                    i += 1;
                }
            }
            merged.extend_from_slice(&order[i..mid]);
            merged.extend_from_slice(&order[j..end]);
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn merge_sort_orders_every_length_stably() {
        // Lengths around the powers of two, where runs are uneven.
        for n in 0..70usize {
            let mut v: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7919) % 5, i)).collect();
            super::sort_by_key(&mut v, |x| x.0);
            assert!(v.windows(2).all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)), "n = {n}: {v:?}");
        }
    }

    #[test]
    fn sorts_stably_by_key() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        super::sort_by(&mut v, |a, b| b.1.cmp(&a.1));
        assert_eq!(v, [(1, 'e'), (2, 'd'), (3, 'c'), (1, 'b'), (3, 'a')]);
    }
}
