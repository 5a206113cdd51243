//! The compiled catalog: a loaded and checked [`Catalog`] as bytes.
//!
//! The default catalog is embedded in this form. A program that uses only
//! the default catalog then links neither the catalog reader nor the checker
//! (about 70 KB of gzipped wasm), and starts without parsing anything.
//!
//! The bytes are a format of our own, not a stable interchange format: the
//! header names the format version, and a reader refuses any other. Decoding
//! treats the bytes as untrusted: every length, nesting depth and index is
//! bounded, so damaged or forged bytes give an error, never a panic, a hang
//! or an out-of-range read during evaluation.

use super::{
    Catalog, CatalogInfo, Category, Choice, Citation, ConditionDef, Delivery, DeliveryMode, DerivedDef, Document, Evidence, ExclusiveGroup, InputDef,
    InputKind, Level, ParamDef, ParamVersion, Policy, StepDef,
};
use crate::date::Date;
use crate::error::Error;
use crate::expression::{function_sizes, ArithOp, Band, Bracket, Builtin, CmpOp, Expr, Rounding, Table, Value, MAX_EXPANDED};
use crate::i18n::Text;
use rust_decimal::Decimal;
use std::sync::Arc;

/// "LQT policy catalog", then the format version. Bump the version whenever
/// an encoded type changes.
const MAGIC: &[u8; 8] = b"LQTPCAT\x01";

/// Deeper expressions than the checker ever builds from a real catalog are
/// refused: evaluation recurses once per level.
const MAX_DEPTH: u32 = 200;

impl Catalog {
    /// The catalog as bytes, for [`Catalog::from_bytes`] of the same version
    /// of this crate (`policy-calc compile` writes them).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer { out: Vec::new(), texts: Default::default(), seen: Default::default() };
        // Named in full so that a new field cannot be forgotten here;
        // `by_key` is derived again when reading.
        let Catalog { info, inputs, derived, derived_order, functions, policies, exclusive, by_key: _ } = self;
        info.put(&mut w);
        inputs.put(&mut w);
        derived.put(&mut w);
        derived_order.put(&mut w);
        functions.put(&mut w);
        policies.put(&mut w);
        exclusive.put(&mut w);
        let mut bytes = MAGIC.to_vec();
        for t in &w.texts {
            put_uint(&mut bytes, t.len() as u128);
        }
        w.texts.iter().for_each(|t| bytes.extend_from_slice(t));
        bytes.extend(w.out);
        bytes
    }

    /// A catalog from [`Catalog::to_bytes`]. Bytes from another format
    /// version, damaged bytes, or bytes whose indices do not fit together
    /// are refused with `catalog_invalid`.
    ///
    /// ```
    /// use calculator_core::{default_catalog, Catalog};
    /// let bytes = default_catalog()?.to_bytes();
    /// assert_eq!(Catalog::from_bytes(&bytes)?.info().hash, default_catalog()?.info().hash);
    /// assert_eq!(Catalog::from_bytes(&bytes[..100]).unwrap_err().code(), "catalog_invalid");
    /// # Ok::<(), calculator_core::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog, Error> {
        let damaged = |at: usize| Error::CompiledCatalog { offset: at };
        let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| damaged(0))?;
        let mut r = Reader { bytes: body, at: 0, depth: 0, texts: [&[]; STREAMS], seen: Vec::new() };
        let mut lens = [0usize; STREAMS];
        for len in &mut lens {
            *len = r.len().ok_or_else(|| damaged(MAGIC.len() + r.at))?;
        }
        for (i, len) in lens.into_iter().enumerate() {
            r.texts[i] = r.take(len).ok_or_else(|| damaged(MAGIC.len() + r.at))?;
        }
        type Parts = (CatalogInfo, Vec<InputDef>, Vec<DerivedDef>, Vec<u16>, Vec<Expr>, Vec<Policy>, Vec<ExclusiveGroup>);
        let parts: Option<Parts> =
            (|| Some((Bin::get(&mut r)?, Bin::get(&mut r)?, Bin::get(&mut r)?, Bin::get(&mut r)?, Bin::get(&mut r)?, Bin::get(&mut r)?, Bin::get(&mut r)?)))();
        let at = MAGIC.len() + r.at;
        let (info, inputs, derived, derived_order, functions, policies, exclusive) = parts.ok_or_else(|| damaged(at))?;
        if r.at != r.bytes.len() {
            return Err(damaged(at));
        }
        let catalog = Catalog::assemble(info, inputs, derived, derived_order, functions, policies, exclusive);
        if fits(&catalog) {
            Ok(catalog)
        } else {
            Err(damaged(at))
        }
    }
}

/// Whether every index points at something that exists, and functions call
/// only functions declared before them (so no call can recurse forever).
fn fits(c: &Catalog) -> bool {
    let inputs = c.inputs.len();
    let derived = c.derived.len();
    let sizes = |params: usize, steps: usize, functions: usize| Sizes { inputs, derived, params, steps, functions };
    let every = |e: &Expr, s: Sizes| {
        let mut ok = true;
        e.walk(&mut |e| ok &= s.admits(e));
        ok
    };
    u16::try_from(inputs).is_ok()
        && c.derived_order.iter().all(|&i| usize::from(i) < derived)
        && c.inputs.iter().all(|d| d.default.as_ref().is_none_or(|v| every(&Expr::Const(v.clone()), sizes(0, 0, 0))))
        && c.derived.iter().all(|d| every(&d.expr, sizes(0, 0, c.functions.len())))
        && c.functions.iter().enumerate().all(|(i, f)| every(f, sizes(0, 0, i)))
        && c.policies.iter().all(|p| {
            let s = sizes(p.params.len(), p.steps.len(), c.functions.len());
            p.conditions.iter().all(|x| every(&x.expr, s)) && p.steps.iter().all(|x| every(&x.expr, s)) && every(&p.amount, s)
        })
        && affordable(c)
}

/// Whether no expression evaluates more than [`MAX_EXPANDED`] nodes with its
/// calls expanded: the loader refuses such catalogs, so bytes that hold one
/// were not written by `to_bytes` of a checked catalog.
fn affordable(c: &Catalog) -> bool {
    let sizes = function_sizes(&c.functions);
    let ok = |e: &Expr| e.expanded_size(&sizes) <= MAX_EXPANDED;
    sizes.iter().all(|&s| s <= MAX_EXPANDED)
        && c.derived.iter().all(|d| ok(&d.expr))
        && c.policies.iter().all(|p| p.conditions.iter().all(|x| ok(&x.expr)) && p.steps.iter().all(|x| ok(&x.expr)) && ok(&p.amount))
}

#[derive(Clone, Copy)]
struct Sizes {
    inputs: usize,
    derived: usize,
    params: usize,
    steps: usize,
    functions: usize,
}

impl Sizes {
    fn admits(self, e: &Expr) -> bool {
        match *e {
            Expr::Input(i) => usize::from(i) < self.inputs,
            Expr::Derived(i) => usize::from(i) < self.derived,
            Expr::Param(i) => usize::from(i) < self.params,
            Expr::Step(i) => usize::from(i) < self.steps,
            Expr::Call(f, _) => usize::from(f) < self.functions,
            _ => true,
        }
    }
}

/// A string is written in full the first time, and as the number of that
/// first time when it recurs: a document's title, an issuer or a caveat
/// recurs across policies, often too far apart for gzip to see the repeat.
/// (A table of all strings up front reads smaller but gzips worse: it parts
/// each text from its neighbours.)
///
/// The text itself goes to one of four streams (each language of a
/// [`Text`], and every other string), stored one after another before the
/// structure: like next to like compresses better than records that
/// interleave three scripts with numbers (30.3 KB gzip instead of 33.0).
struct Writer {
    out: Vec<u8>,
    texts: [Vec<u8>; STREAMS],
    // A BTreeMap: the package links one already, and a HashMap would add its hasher.
    seen: std::collections::BTreeMap<String, u32>,
}

const STREAMS: usize = 4;
/// The stream of strings that are not a [`Text`]: ids, formulas, titles, links.
const PLAIN: usize = 0;

impl Writer {
    /// A variant: its tag, then its fields in order.
    fn tagged(&mut self, tag: u8, fields: &[&dyn Bin]) {
        self.out.push(tag);
        fields.iter().for_each(|f| f.put(self));
    }

    fn string(&mut self, s: &str, stream: usize) {
        match self.seen.get(s) {
            Some(&n) => put_uint(&mut self.out, (u128::from(n) << 1) | 1),
            None => {
                let n = self.seen.len() as u32;
                self.seen.insert(s.to_string(), n);
                put_uint(&mut self.out, (s.len() as u128) << 1);
                self.texts[stream].extend_from_slice(s.as_bytes());
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
    texts: [&'a [u8]; STREAMS],
    seen: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn string(&mut self, stream: usize) -> Option<&'a str> {
        let n = usize::try_from(self.uint()?).ok()?;
        if n & 1 == 1 {
            return self.seen.get(n >> 1).copied();
        }
        let text = self.texts.get_mut(stream)?;
        let (s, rest) = text.split_at_checked(n >> 1)?;
        *text = rest;
        let s = std::str::from_utf8(s).ok()?;
        self.seen.push(s);
        Some(s)
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    /// An unsigned LEB128 number.
    fn uint(&mut self) -> Option<u128> {
        let mut n: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            n |= u128::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count of items still to come; each takes at least one byte, so a
    /// count beyond the remaining bytes is damage, not a reason to allocate.
    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }
}

fn put_uint(out: &mut Vec<u8>, mut n: u128) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A value that has a byte form.
trait Bin {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Option<Self>
    where
        Self: Sized;
}

impl Bin for bool {
    fn put(&self, w: &mut Writer) {
        w.out.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Bin for $t {
            fn put(&self, w: &mut Writer) {
                put_uint(&mut w.out, *self as u128);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                <$t>::try_from(r.uint()?).ok()
            }
        }
    )*};
}
unsigned!(u16, u32, usize);

impl Bin for String {
    fn put(&self, w: &mut Writer) {
        w.string(self, PLAIN);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.string(PLAIN).map(String::from)
    }
}

impl Bin for Arc<str> {
    fn put(&self, w: &mut Writer) {
        w.string(self, PLAIN);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.string(PLAIN).map(Arc::from)
    }
}

/// Each language to its own stream.
impl Bin for Text {
    fn put(&self, w: &mut Writer) {
        w.string(&self.zh_cn, 1);
        for (stream, t) in [(2, &self.zh_tw), (3, &self.en)] {
            match t {
                None => w.out.push(0),
                Some(t) => {
                    w.out.push(1);
                    w.string(t, stream);
                }
            }
        }
    }
    #[inline(never)]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let zh_cn = r.string(1)?.to_string();
        let mut other = |stream| match r.byte()? {
            0 => Some(None),
            1 => r.string(stream).map(|s| Some(s.to_string())),
            _ => None,
        };
        Some(Text { zh_cn, zh_tw: other(2)?, en: other(3)? })
    }
}

/// The sign in the low bit, then the magnitude; then the scale.
impl Bin for Decimal {
    fn put(&self, w: &mut Writer) {
        let m = self.mantissa();
        put_uint(&mut w.out, (m.unsigned_abs() << 1) | u128::from(m < 0));
        w.out.push(self.scale() as u8);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.uint()?;
        let magnitude = i128::try_from(n >> 1).ok()?;
        let m = if n & 1 == 1 { -magnitude } else { magnitude };
        Decimal::try_from_i128_with_scale(m, u32::from(r.byte()?)).ok()
    }
}

impl Bin for Date {
    fn put(&self, w: &mut Writer) {
        self.year().put(w);
        w.out.extend([self.month(), self.day()]);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let year = u16::get(r)?;
        Date::new(year, r.byte()?, r.byte()?).ok()
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.tagged(0, &[]),
            Some(v) => w.tagged(1, &[v]),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_uint(&mut w.out, self.len() as u128);
        self.iter().for_each(|x| x.put(w));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::get(r)?);
        }
        Some(items)
    }
}

impl<T: Bin> Bin for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        T::get(r).map(Box::new)
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

/// A struct as its fields in order. Destructuring names every field, so a
/// field added to the struct and not here does not compile.
macro_rules! record {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Bin for $t {
            fn put(&self, w: &mut Writer) {
                let $t { $($f),* } = self;
                $($f.put(w);)*
            }
            // One out-of-line reader per record: inlined, each use of a
            // record (a `Text` is read in twenty places) would copy it.
            #[inline(never)]
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Bin::get(r)?),* })
            }
        }
    )*};
}

record! {
    CatalogInfo { id, version, title, published, hash, note }
    Choice { value, label }
    InputDef { key, kind, label, help, unit, group, min, max, options, default, default_basis }
    DerivedDef { key, label, options, basis, unconfirmed, expr }
    Delivery { mode, channel, deadline }
    Document { key, title, number, issuer, url, date, from, until, evidence, unconfirmed }
    ParamVersion { from, until, value, cite, unconfirmed }
    ParamDef { name, label, versions }
    StepDef { name, label, source, cite, figure, unconfirmed, expr }
    Policy {
        id, name, summary, category, level, regions, valid_from, valid_until, amount_ceiling, delivery, documents, params, conditions,
        steps, unconfirmed, note, amount, amount_formula,
    }
    ExclusiveGroup { id, policies, rule, basis }
    Bracket { upto, rate }
    Band { bound, inclusive, value }
}

/// A condition's fixed thresholds are not stored: [`Catalog::assemble`] writes them.
impl Bin for ConditionDef {
    fn put(&self, w: &mut Writer) {
        let ConditionDef { id, text, source, cite, unconfirmed, expr, uses_steps, thresholds: _ } = self;
        id.put(w);
        text.put(w);
        source.put(w);
        cite.put(w);
        unconfirmed.put(w);
        expr.put(w);
        uses_steps.put(w);
    }
    #[inline(never)]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(ConditionDef {
            id: Bin::get(r)?,
            text: Bin::get(r)?,
            source: Bin::get(r)?,
            cite: Bin::get(r)?,
            unconfirmed: Bin::get(r)?,
            expr: Bin::get(r)?,
            uses_steps: Bin::get(r)?,
            thresholds: Vec::new(),
        })
    }
}

/// A citation's text is not stored: [`Catalog::assemble`] writes it.
impl Bin for Citation {
    fn put(&self, w: &mut Writer) {
        self.doc.put(w);
        self.clause.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Citation { doc: Bin::get(r)?, clause: Bin::get(r)?, text: String::new() })
    }
}

/// A field-less enum as its variant's position in the list.
macro_rules! tags {
    ($($t:ident [$($v:ident),* $(,)?])*) => {$(
        impl Bin for $t {
            fn put(&self, w: &mut Writer) {
                const ALL: &[$t] = &[$($t::$v),*];
                w.out.push(ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                const ALL: &[$t] = &[$($t::$v),*];
                ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    )*};
}

tags! {
    InputKind [Money, Number, Integer, Ratio, Boolean, Date, Enum, Text, IndustryCode, RegionCode, CreditCode]
    Category [TaxCredit, Subsidy, FeeReduction]
    Level [National, Provincial, Municipal, District]
    DeliveryMode [Automatic, Declare, Apply]
    Evidence [Official, Reprint, Secondary, Github, Unconfirmed]
    ArithOp [Add, Sub, Mul, Div]
    CmpOp [Eq, Ne, Lt, Le, Gt, Ge]
    Rounding [HalfUp, HalfEven, Down, Up, Floor, Ceiling]
}

impl Bin for Value {
    fn put(&self, w: &mut Writer) {
        match self {
            Value::Num(d) => w.tagged(0, &[d]),
            Value::Bool(b) => w.tagged(1, &[b]),
            Value::Date(d) => w.tagged(2, &[d]),
            Value::Text(t) => w.tagged(3, &[t]),
            Value::Table(t) => match &**t {
                Table::Brackets(rows) => w.tagged(4, &[rows]),
                Table::Bands(rows) => w.tagged(5, &[rows]),
            },
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Value::Num(Decimal::get(r)?),
            1 => Value::Bool(bool::get(r)?),
            2 => Value::Date(Date::get(r)?),
            3 => Value::Text(Arc::get(r)?),
            4 => Value::Table(Arc::new(Table::Brackets(Vec::get(r)?))),
            5 => Value::Table(Arc::new(Table::Bands(Vec::get(r)?))),
            _ => return None,
        })
    }
}

impl Bin for Builtin {
    fn put(&self, w: &mut Writer) {
        match self {
            Builtin::Min => w.tagged(0, &[]),
            Builtin::Max => w.tagged(1, &[]),
            Builtin::Abs => w.tagged(2, &[]),
            Builtin::Round(places, mode) => w.tagged(3, &[places, mode]),
            Builtin::Progressive => w.tagged(4, &[]),
            Builtin::Band => w.tagged(5, &[]),
            Builtin::AddMonths => w.tagged(6, &[]),
            Builtin::AddYears => w.tagged(7, &[]),
            Builtin::Year => w.tagged(8, &[]),
            Builtin::Month => w.tagged(9, &[]),
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Builtin::Min,
            1 => Builtin::Max,
            2 => Builtin::Abs,
            // Rounding beyond 28 places is no rounding a rule can ask for.
            3 => Builtin::Round(u32::get(r).filter(|&p| p <= 28)?, Rounding::get(r)?),
            4 => Builtin::Progressive,
            5 => Builtin::Band,
            6 => Builtin::AddMonths,
            7 => Builtin::AddYears,
            8 => Builtin::Year,
            9 => Builtin::Month,
            _ => return None,
        })
    }
}

impl Bin for Expr {
    fn put(&self, w: &mut Writer) {
        // The tag, then the fields in order; `expr` below reads them back.
        let (tag, fields): (u8, &[&dyn Bin]) = match self {
            Expr::Const(v) => (0, &[v]),
            Expr::Input(i) => (1, &[i]),
            Expr::Derived(i) => (2, &[i]),
            Expr::Param(i) => (3, &[i]),
            Expr::Step(i) => (4, &[i]),
            Expr::Local(i) => (5, &[i]),
            Expr::AsOf => (6, &[]),
            Expr::Neg(a) => (7, &[a]),
            Expr::Not(a) => (8, &[a]),
            Expr::Arith(op, a, b) => (9, &[op, a, b]),
            Expr::Cmp(op, a, b) => (10, &[op, a, b]),
            Expr::InPrefix(a, set) => (11, &[a, set]),
            Expr::InSet(a, set) => (12, &[a, set]),
            Expr::And(items) => (13, &[items]),
            Expr::Or(items) => (14, &[items]),
            Expr::If(arms, other) => (15, &[arms, other]),
            Expr::Builtin(b, args) => (16, &[b, args]),
            Expr::Call(f, args) => (17, &[f, args]),
        };
        w.tagged(tag, fields);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.depth += 1;
        let e = if r.depth > MAX_DEPTH { None } else { expr(r) };
        r.depth -= 1;
        e
    }
}

fn expr(r: &mut Reader<'_>) -> Option<Expr> {
    let b = |r: &mut Reader<'_>| Box::<Expr>::get(r);
    Some(match r.byte()? {
        0 => Expr::Const(Value::get(r)?),
        1 => Expr::Input(u16::get(r)?),
        2 => Expr::Derived(u16::get(r)?),
        3 => Expr::Param(u16::get(r)?),
        4 => Expr::Step(u16::get(r)?),
        5 => Expr::Local(u16::get(r)?),
        6 => Expr::AsOf,
        7 => Expr::Neg(b(r)?),
        8 => Expr::Not(b(r)?),
        9 => Expr::Arith(ArithOp::get(r)?, b(r)?, b(r)?),
        10 => Expr::Cmp(CmpOp::get(r)?, b(r)?, b(r)?),
        11 => Expr::InPrefix(b(r)?, Vec::get(r)?),
        12 => Expr::InSet(b(r)?, Vec::get(r)?),
        13 => Expr::And(Vec::get(r)?),
        14 => Expr::Or(Vec::get(r)?),
        15 => Expr::If(Vec::get(r)?, b(r)?),
        16 => Expr::Builtin(Builtin::get(r)?, Vec::get(r)?),
        17 => Expr::Call(u16::get(r)?, Vec::get(r)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Catalog {
        Catalog::from_json(super::super::DEFAULT_JSON).expect("the default catalog loads")
    }

    #[test]
    fn embedded_default_is_the_sources_compiled() {
        assert!(
            sources().to_bytes() == super::super::DEFAULT_COMPILED,
            "default-catalog.bin is stale: run `cargo run -p calculator-cli -- compile calculator-core --out calculator-core/default-catalog.bin`"
        );
    }

    #[test]
    fn round_trip_keeps_every_byte() {
        let bytes = sources().to_bytes();
        assert_eq!(Catalog::from_bytes(&bytes).expect("reads back").to_bytes(), bytes);
    }

    #[test]
    fn damaged_bytes_are_refused_with_where_reading_stopped() {
        let bytes = sources().to_bytes();
        let err = |b: &[u8]| Catalog::from_bytes(b).unwrap_err();
        assert_eq!(err(b""), Error::CompiledCatalog { offset: 0 });
        assert_eq!(err(b"LQTPCAT\x02rest"), Error::CompiledCatalog { offset: 0 }, "another format version");
        // Every truncation fails, none panics.
        for cut in (0..bytes.len()).step_by(97) {
            assert_eq!(err(&bytes[..cut]).code(), "catalog_invalid");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(err(&longer), Error::CompiledCatalog { offset: bytes.len() });
        // Flipping any byte either still reads as a catalog whose indices fit,
        // or is refused; never a panic.
        for at in (MAGIC.len()..bytes.len()).step_by(29) {
            let mut b = bytes.clone();
            b[at] ^= 0xff;
            let _ = Catalog::from_bytes(&b);
        }
    }

    #[test]
    fn an_index_out_of_range_is_refused() {
        let mut c = sources();
        c.policies[0].amount = Expr::Input(u16::try_from(c.inputs.len()).unwrap());
        assert_eq!(Catalog::from_bytes(&c.to_bytes()).unwrap_err().code(), "catalog_invalid");
        let mut c = sources();
        c.functions.push(Expr::Call(u16::try_from(c.functions.len()).unwrap(), vec![]));
        assert!(Catalog::from_bytes(&c.to_bytes()).is_err(), "a function calling itself would recurse forever");
    }

    #[test]
    fn functions_that_double_each_other_are_refused() {
        // f0(x) = x, f(i+1)(x) = f(i)(x) + f(i)(x): 2^40 steps for f40.
        let mut c = sources();
        let base = c.functions.len() as u16;
        c.functions.push(Expr::Local(0));
        for i in 0..40u16 {
            let call = || Box::new(Expr::Call(base + i, vec![Expr::Local(0)]));
            c.functions.push(Expr::Arith(ArithOp::Add, call(), call()));
        }
        assert!(!affordable(&c));
        assert_eq!(Catalog::from_bytes(&c.to_bytes()).unwrap_err().code(), "catalog_invalid");
        assert!(affordable(&sources()), "the default catalog is far within the bound");
    }

    #[test]
    fn nesting_beyond_the_limit_is_refused() {
        let mut e = Expr::AsOf;
        for _ in 0..MAX_DEPTH + 1 {
            e = Expr::Not(Box::new(e));
        }
        let mut c = sources();
        c.policies[0].amount = e;
        assert!(Catalog::from_bytes(&c.to_bytes()).is_err());
    }
}
