//! Stable sorting through one shared routine.
//!
//! Each `sort_by` on a new element type or closure adds its own copy of the
//! standard library's sort (about 3 KB of wasm each). The core sorts only
//! short lists, a handful of times per catalog or profile, so every sort goes
//! through one instantiation over indices instead.

use std::cmp::Ordering;

/// The positions `0..n` in the stable order `cmp` gives.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably_by_key() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        super::sort_by(&mut v, |a, b| b.1.cmp(&a.1));
        assert_eq!(v, [(1, 'e'), (2, 'd'), (3, 'c'), (1, 'b'), (3, 'a')]);
    }
}
