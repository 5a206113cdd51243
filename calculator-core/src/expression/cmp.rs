//! Comparison operators and everything they mean: whether one holds for an
//! ordering, the operator that holds exactly where another does not, the
//! operator with its operands swapped, and how it is written.
//!
//! Evaluation, the near-miss search and the explanations all ask these
//! questions; they are answered here once.

use std::cmp::Ordering;

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as a mathematician writes it, for explanations.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "≠",
            CmpOp::Lt => "<",
            CmpOp::Le => "≤",
            CmpOp::Gt => ">",
            CmpOp::Ge => "≥",
        }
    }

    /// Whether `a op b` holds, given how `a` compares with `b`.
    ///
    /// ```
    /// use calculator_core::expression::CmpOp;
    /// assert!(CmpOp::Le.holds(2.cmp(&3)) && !CmpOp::Gt.holds(3.cmp(&3)));
    /// ```
    pub fn holds(self, ord: Ordering) -> bool {
        match self {
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        }
    }

    /// The operator that holds exactly where this one does not: `not (x > 300)`
    /// is `x ≤ 300`.
    pub fn negated(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Ne,
            CmpOp::Ne => CmpOp::Eq,
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Gt => CmpOp::Le,
            CmpOp::Ge => CmpOp::Lt,
        }
    }

    /// The operator with its operands swapped: `300 < x` is `x > 300`.
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            same => same,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CmpOp::{self, *};
    use std::cmp::Ordering::{self, *};

    const ALL: [CmpOp; 6] = [Eq, Ne, Lt, Le, Gt, Ge];
    const ORDERS: [Ordering; 3] = [Less, Equal, Greater];

    #[test]
    fn negated_holds_exactly_where_the_operator_does_not() {
        for op in ALL {
            for ord in ORDERS {
                assert_eq!(op.negated().holds(ord), !op.holds(ord), "{op:?} {ord:?}");
            }
        }
    }

    #[test]
    fn swapped_holds_for_the_reversed_ordering() {
        for op in ALL {
            for ord in ORDERS {
                assert_eq!(op.swapped().holds(ord.reverse()), op.holds(ord), "{op:?} {ord:?}");
            }
        }
    }
}
