//! The byte form of each catalog type: [`Bin`] writes a value and reads it
//! back, with every length and index bounded by the bytes that remain.

use super::super::{
    AskTogether, CatalogInfo, Category, Choice, Citation, ConditionDef, Delivery, DeliveryMode, DerivedDef, Document, Evidence, ExclusiveGroup, InputDef,
    InputKind, Level, ParamDef, ParamVersion, Policy, Presence, StepDef,
};
use super::MAX_DEPTH;
use crate::date::Date;
use crate::expression::{ArithOp, Band, Bracket, Builtin, CmpOp, Expr, Function, Rounding, Table, Value};
use crate::i18n::Text;
use rust_decimal::Decimal;
use std::sync::Arc;

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
#[derive(Default)]
pub(super) struct Writer {
    out: Vec<u8>,
    texts: [Vec<u8>; STREAMS],
    // A BTreeMap: the package links one already, and a HashMap would add its hasher.
    seen: std::collections::BTreeMap<String, u32>,
}

const STREAMS: usize = 4;
/// The stream of strings that are not a [`Text`]: ids, formulas, titles, links.
const PLAIN: usize = 0;

impl Writer {
    /// Appends the streams' lengths, the streams, then the structure.
    pub(super) fn finish_into(self, bytes: &mut Vec<u8>) {
        for t in &self.texts {
            put_uint(bytes, t.len() as u128);
        }
        self.texts.iter().for_each(|t| bytes.extend_from_slice(t));
        bytes.extend(self.out);
    }

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

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
    texts: [&'a [u8]; STREAMS],
    seen: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    /// A reader of what [`Writer::finish_into`] appended: the streams'
    /// lengths and the streams are read first.
    pub(super) fn open(body: &'a [u8]) -> Option<Reader<'a>> {
        let mut r = Reader { bytes: body, at: 0, depth: 0, texts: [&[]; STREAMS], seen: Vec::new() };
        let mut lens = [0usize; STREAMS];
        for len in &mut lens {
            *len = r.len()?;
        }
        for (i, len) in lens.into_iter().enumerate() {
            r.texts[i] = r.take(len)?;
        }
        Some(r)
    }

    /// How far reading has come, from the start of the body.
    pub(super) fn offset(&self) -> usize {
        self.at
    }

    /// Whether every byte has been read.
    pub(super) fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

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
pub(super) trait Bin {
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
    ConditionDef { id, text, source, cite, unconfirmed, expr, uses_steps }
    ExclusiveGroup { id, policies, rule, basis }
    Function { name, body }
    AskTogether { key, label, help, inputs, labels, presence }
    Presence { input, label }
    Bracket { upto, rate }
    Band { bound, inclusive, value }
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
    Category [TaxCredit, Subsidy, FeeReduction, TaxDeferral]
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
