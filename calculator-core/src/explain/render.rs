//! Formulas with their values substituted (`900000.00 × 0.25 × 0.2`), and
//! the amount's steps written with them.

use super::{show, Explainer, Step};
use crate::expression::{ArithOp, Builtin, Ev, Expr, Val};
use crate::text::join_into;

impl<'a> Explainer<'a> {
    /// The expression with the values it uses, e.g. `900000.00 × 0.25 × 0.2`.
    pub(super) fn render(&self, e: &'a Expr) -> String {
        // Most fit (median 39 bytes, nine in ten under 110): one allocation.
        let mut out = String::with_capacity(112);
        self.render_into(e, false, &mut out);
        out
    }

    /// An unknown value in a formula: `[its name?]`.
    fn unknown_into(&self, e: &'a Expr, out: &mut String) {
        out.push('[');
        out.push_str(self.name(e).unwrap_or_default());
        out.push_str("?]");
    }

    /// As [`render`](Self::render), written into one buffer: a report renders
    /// hundreds of expressions. `money`: whether a constant here stands for
    /// an amount (`min(taxable_income, 300万)` writes `3000000.00`), as its
    /// context makes it.
    fn render_into(&self, e: &'a Expr, money: bool, out: &mut String) {
        // What is money by itself is written as money, whatever its context.
        let money = money || self.is_money(e);
        let atom = |x: &'a Expr, money: bool, out: &mut String| {
            if matches!(x, Expr::Arith(..) | Expr::If(..) | Expr::Cmp(..) | Expr::And(_) | Expr::Or(_)) {
                out.push('(');
                self.render_into(x, money, out);
                out.push(')');
            } else {
                self.render_into(x, money, out);
            }
        };
        match e {
            Expr::Const(v) => self.display_into(e, Val::from(v), money, out),
            Expr::Input(i) => match self.inputs_shown.get(usize::from(*i)) {
                Some(Some(text)) => out.push_str(text),
                _ => self.unknown_into(e, out),
            },
            Expr::Derived(_) | Expr::Step(_) | Expr::AsOf => match self.value_of(e) {
                Some(v) => self.display_into(e, v, self.is_money(e), out),
                None => self.unknown_into(e, out),
            },
            Expr::Param(_) => match self.value_of(e) {
                Some(Val::Table(_)) | None => out.push_str(self.name(e).unwrap_or_default()),
                Some(v) => self.display_into(e, v, money, out),
            },
            Expr::Local(_) => out.push('…'),
            Expr::Neg(a) => {
                out.push('-');
                atom(a, money, out);
            }
            Expr::Not(a) => {
                out.push_str(self.lang.pick("非 ", "非 ", "not "));
                atom(a, false, out);
            }
            Expr::Arith(op, a, b) => {
                let sym = match op {
                    ArithOp::Add => " + ",
                    ArithOp::Sub => " − ",
                    ArithOp::Mul => " × ",
                    ArithOp::Div => " ÷ ",
                };
                // The terms of a sum of amounts are amounts; a factor or a
                // divisor is a plain number unless it is money itself.
                let terms = matches!(op, ArithOp::Add | ArithOp::Sub) && money;
                match &**a {
                    Expr::Arith(inner, ..) if same_level(*inner, *op) => self.render_into(a, terms, out),
                    _ => atom(a, terms, out),
                }
                out.push_str(sym);
                atom(b, terms, out);
            }
            Expr::Cmp(op, a, b) => {
                let money = self.is_money(a) || self.is_money(b);
                match self.option_word(a, b) {
                    Some(word) => out.push_str(word),
                    None => atom(a, money, out),
                }
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                match self.option_word(b, a) {
                    Some(word) => out.push_str(word),
                    None => atom(b, money, out),
                }
            }
            Expr::InPrefix(a, prefixes) => {
                atom(a, false, out);
                out.push_str(" ∈ {");
                join_into(prefixes, ", ", out, |p, out| out.push_str(p));
                out.push('}');
            }
            Expr::InSet(a, set) => {
                let money = self.is_money(a);
                atom(a, money, out);
                out.push_str(" ∈ {");
                join_into(set, ", ", out, |v, out| self.display_into(a, Val::from(v), money, out));
                out.push('}');
            }
            Expr::And(items) | Expr::Or(items) => {
                let word = if matches!(e, Expr::And(_)) { self.lang.pick(" 且 ", " 且 ", " and ") } else { self.lang.pick(" 或 ", " 或 ", " or ") };
                join_into(items, word, out, |x, out| atom(x, false, out));
            }
            Expr::If(..) => match self.value_of(e) {
                Some(v) => self.display_into(e, v, money, out),
                None => out.push('?'),
            },
            Expr::Builtin(b, args) => {
                out.push_str(match b {
                    Builtin::Min => "min(",
                    Builtin::Max => "max(",
                    Builtin::Abs => "abs(",
                    Builtin::Round(..) => "round(",
                    Builtin::Progressive => "progressive(",
                    Builtin::Band => "band(",
                    Builtin::AddMonths => "add_months(",
                    Builtin::AddYears => "add_years(",
                    Builtin::Year => "year(",
                    Builtin::Month => "month(",
                });
                // What min and max compare, and what is rounded, is alike.
                let alike = match b {
                    Builtin::Min | Builtin::Max => money || args.iter().any(|a| self.is_money(a)),
                    Builtin::Abs | Builtin::Round(..) => money,
                    _ => false,
                };
                for (i, x) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.render_into(x, alike && (i == 0 || matches!(b, Builtin::Min | Builtin::Max)), out);
                }
                if let Builtin::Round(places, _) = b {
                    out.push_str(", ");
                    out.push_str(&places.to_string());
                }
                out.push(')');
            }
            Expr::Call(f, args) => {
                // The function's name, as the catalog calls it (`cit_rate(…)`).
                out.push_str(self.catalog.functions.get(usize::from(*f)).map_or("f", |f| f.name.as_str()));
                out.push('(');
                join_into(args, ", ", out, |x, out| self.render_into(x, false, out));
                out.push(')');
            }
        }
    }
}

/// Whether `b` applied to a left operand built with `a` needs no brackets.
fn same_level(a: ArithOp, b: ArithOp) -> bool {
    let level = |o| matches!(o, ArithOp::Add | ArithOp::Sub);
    level(a) == level(b) && !matches!(b, ArithOp::Sub | ArithOp::Div)
}

/// The amount's steps with their values.
pub(crate) fn steps(x: &Explainer) -> Vec<Step> {
    let (policy, lang) = (x.policy, x.lang);
    policy
        .steps
        .iter()
        .zip(&x.out.steps)
        .enumerate()
        .map(|(i, (def, r))| Step {
            name: def.name.clone(),
            label: def.label.get(lang).to_string(),
            formula: def.source.clone(),
            substituted: x.render(&def.expr),
            value: match r {
                Ok(Ev::Known(v)) => Some(show(*v, x.step_money.get(i).copied().unwrap_or(def.figure))),
                _ => None,
            },
            citation: x.cite(&def.cite),
            unconfirmed: def.unconfirmed.as_ref().map(|t| t.get(lang).to_string()),
        })
        .collect()
}
