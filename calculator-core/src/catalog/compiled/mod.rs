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

use super::{AskTogether, Catalog, CatalogInfo, DerivedDef, ExclusiveGroup, InputDef, Policy};
use crate::error::Error;
use crate::expression::{function_sizes, Expr, Function, MAX_EXPANDED};
use codec::{Bin, Reader, Writer};

mod codec;

/// "LQT policy catalog", then the layout of the bytes. Bump the layout byte
/// whenever an encoded type changes; the crate version that follows it in
/// the header refuses bytes of any other release as well.
const MAGIC: &[u8; 8] = b"LQTPCAT\x03";

/// The version of the crate that writes and reads the bytes.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Deeper expressions than the checker ever builds from a real catalog are
/// refused: evaluation recurses once per level.
const MAX_DEPTH: u32 = 200;

impl Catalog {
    /// The catalog as bytes, for [`Catalog::from_bytes`] of the same version
    /// of this crate (`policy-calc compile` writes them). The header names
    /// that version.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        // Named in full so that a new field cannot be forgotten here;
        // `by_key` is derived again when reading.
        let Catalog { info, inputs, derived, derived_order, functions, policies, exclusive, ask_together, by_key: _ } = self;
        info.put(&mut w);
        inputs.put(&mut w);
        derived.put(&mut w);
        derived_order.put(&mut w);
        functions.put(&mut w);
        policies.put(&mut w);
        exclusive.put(&mut w);
        ask_together.put(&mut w);
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION.len() as u8);
        bytes.extend_from_slice(VERSION.as_bytes());
        w.finish_into(&mut bytes);
        bytes
    }

    /// A catalog from [`Catalog::to_bytes`]. Bytes written by another
    /// version of this crate are refused, naming both versions; damaged
    /// bytes, or bytes whose indices do not fit together, are refused with
    /// where reading stopped. Both have the code `catalog_invalid`.
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
        let version = header(bytes)?;
        let start = MAGIC.len() + 1 + version.len();
        let body = &bytes[start..];
        let mut r = Reader::open(body).ok_or_else(|| damaged(start))?;
        type Parts = (CatalogInfo, Vec<InputDef>, Vec<DerivedDef>, Vec<u16>, Vec<Function>, Vec<Policy>, Vec<ExclusiveGroup>, Vec<AskTogether>);
        let parts: Option<Parts> = (|| {
            Some((
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
                Bin::get(&mut r)?,
            ))
        })();
        let at = start + r.offset();
        let (info, inputs, derived, derived_order, functions, policies, exclusive, ask_together) = parts.ok_or_else(|| damaged(at))?;
        if !r.is_done() {
            return Err(damaged(at));
        }
        let catalog = Catalog::assemble(info, inputs, derived, derived_order, functions, policies, exclusive, ask_together);
        if fits(&catalog) {
            Ok(catalog)
        } else {
            Err(damaged(at))
        }
    }
}

/// The version of the crate that wrote `bytes`, when it is this one.
fn header(bytes: &[u8]) -> Result<&str, Error> {
    let damaged = Error::CompiledCatalog { offset: 0 };
    // Bytes of another layout, or of the format's first release (which
    // carried no version), are from another version of the crate.
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Err(if bytes.starts_with(&MAGIC[..7]) && bytes.len() > 7 { Error::CompiledCatalogVersion { found: None, expected: VERSION } } else { damaged });
    };
    let (&len, rest) = rest.split_first().ok_or(damaged.clone())?;
    let version = rest.get(..usize::from(len)).and_then(|v| std::str::from_utf8(v).ok()).ok_or(damaged)?;
    if version != VERSION {
        return Err(Error::CompiledCatalogVersion { found: Some(version.chars().take(40).collect()), expected: VERSION });
    }
    Ok(version)
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
        && c.ask_together.iter().all(|g| {
            g.labels.len() == g.inputs.len()
                && g.inputs.iter().all(|&i| c.inputs.get(usize::from(i)).is_some_and(|d| d.kind == super::InputKind::Boolean))
                && g.presence.iter().all(|p| usize::from(p.input) < inputs)
        })
        && c.derived_order.iter().all(|&i| usize::from(i) < derived)
        && c.inputs.iter().all(|d| d.default.as_ref().is_none_or(|v| every(&Expr::Const(v.clone()), sizes(0, 0, 0))))
        && c.derived.iter().all(|d| every(&d.expr, sizes(0, 0, c.functions.len())))
        && c.functions.iter().enumerate().all(|(i, f)| every(&f.body, sizes(0, 0, i)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expression::ArithOp;

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
        assert_eq!(err(b"LQTPCAT\x03rest"), Error::CompiledCatalog { offset: 0 }, "a version longer than the bytes");
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
    fn bytes_of_another_version_are_refused_naming_both_versions() {
        let bytes = sources().to_bytes();
        let mut other = MAGIC.to_vec();
        other.push(5);
        other.extend_from_slice(b"0.0.1");
        other.extend_from_slice(&bytes[MAGIC.len() + 1 + VERSION.len()..]);
        let e = Catalog::from_bytes(&other).unwrap_err();
        assert_eq!(e, Error::CompiledCatalogVersion { found: Some("0.0.1".into()), expected: VERSION });
        assert_eq!(e.code(), "catalog_invalid");
        assert!(e.message(crate::Lang::ZhCn).contains("0.0.1") && e.message(crate::Lang::ZhCn).contains(VERSION), "{}", e.message(crate::Lang::ZhCn));
        // An earlier layout (the first carried no version) is from an earlier version.
        let first = [b"LQTPCAT\x01".as_slice(), &bytes[MAGIC.len()..]].concat();
        assert_eq!(Catalog::from_bytes(&first).unwrap_err(), Error::CompiledCatalogVersion { found: None, expected: VERSION });
    }

    #[test]
    fn an_index_out_of_range_is_refused() {
        let mut c = sources();
        c.policies[0].amount = Expr::Input(u16::try_from(c.inputs.len()).unwrap());
        assert_eq!(Catalog::from_bytes(&c.to_bytes()).unwrap_err().code(), "catalog_invalid");
        let mut c = sources();
        c.functions.push(Function { name: "f".into(), body: Expr::Call(u16::try_from(c.functions.len()).unwrap(), vec![]) });
        assert!(Catalog::from_bytes(&c.to_bytes()).is_err(), "a function calling itself would recurse forever");
    }

    #[test]
    fn functions_that_double_each_other_are_refused() {
        // f0(x) = x, f(i+1)(x) = f(i)(x) + f(i)(x): 2^40 steps for f40.
        let mut c = sources();
        let base = c.functions.len() as u16;
        c.functions.push(Function { name: "f0".into(), body: Expr::Local(0) });
        for i in 0..40u16 {
            let call = || Box::new(Expr::Call(base + i, vec![Expr::Local(0)]));
            c.functions.push(Function { name: format!("f{}", i + 1), body: Expr::Arith(ArithOp::Add, call(), call()) });
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
