//! Reads catalog data held as JSON values into the raw file types.
//!
//! `serde_json::Value` refuses to hand a string to a visitor that asked for
//! a struct, and the raw types ask for the TOML reader's span struct on every
//! expression (so TOML errors can give line and column). This reader answers
//! every request with what the data holds, as a self-describing format
//! should; no positions exist in JSON values, so none are given.

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// One JSON value, read as whatever it holds.
pub(crate) struct Data<'a>(pub &'a Value);

type Error = serde_json::Error;

impl<'de, 'a> Deserializer<'de> for Data<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => v.visit_u64(u),
                (None, Some(i)) => v.visit_i64(i),
                // A fraction is passed on as its text, exactly as written
                // (serde_json's `arbitrary_precision` keeps it so): no binary
                // floating point on the way in.
                _ => v.visit_string(n.to_string()),
            },
            Value::String(s) => v.visit_str(s),
            Value::Array(a) => v.visit_seq(Items(a.iter())),
            Value::Object(o) => v.visit_map(Entries { iter: o.iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => v.visit_enum(s.as_str().into_deserializer()),
            _ => Err(de::Error::custom("expected a name (text)")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    // Where the visitor says what it wants, only that is offered: a struct
    // visitor instantiated against all of `deserialize_any` would carry an
    // error path for every other kind of value, in each of the catalog's
    // forty-odd types (about 40 KB of wasm).
    fn deserialize_struct<V: Visitor<'de>>(self, name: &'static str, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(o) => v.visit_map(Entries { iter: o.iter(), value: None }),
            // The span request of `raw::Src` (TOML only): hand over the value.
            _ if name == super::raw::SPANNED => self.deserialize_any(v),
            other => Err(unexpected(other, "a table")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(o) => v.visit_map(Entries { iter: o.iter(), value: None }),
            other => Err(unexpected(other, "a table")),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(a) => v.visit_seq(Items(a.iter())),
            other => Err(unexpected(other, "a list")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => v.visit_str(s),
            other => Err(unexpected(other, "a text")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Bool(b) => v.visit_bool(*b),
            other => Err(unexpected(other, "true or false")),
        }
    }

    // The catalog's types never ask for a binary float; should one ever,
    // it gets an error rather than a rounded number.
    fn deserialize_f32<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("numbers are read as exact decimals, never as binary floating point"))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("numbers are read as exact decimals, never as binary floating point"))
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char
        bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

/// Not generic, so written once: "invalid type: a number, expected a text".
#[inline(never)]
fn unexpected(found: &Value, expected: &str) -> Error {
    let found = match found {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    };
    de::Error::invalid_type(found, &expected)
}

struct Items<'a>(std::slice::Iter<'a, Value>);

impl<'de, 'a> SeqAccess<'de> for Items<'a> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|x| seed.deserialize(Data(x))).transpose()
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(k.as_str().into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(v) => seed.deserialize(Data(v)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::raw;
    use serde::Deserialize;

    #[test]
    fn expressions_numbers_and_dates_read_from_json_values() {
        let v: Value = serde_json::from_str(
            r#"{"catalog": {"id": "t", "version": "1", "title": "t", "published": "2025-01-01"},
            "input": [{"key": "n", "type": "integer", "group": "basic", "label": "n"}],
            "derived": [{"key": "d", "type": "integer", "label": "d", "formula": 3}]}"#,
        )
        .unwrap();
        let f = raw::File::deserialize(Data(&v)).unwrap();
        assert_eq!(f.catalog.unwrap().published.map(|d| d.to_string()).as_deref(), Some("2025-01-01"));
        assert_eq!(f.derived[0].formula.text, "3");
        let bad: Value = serde_json::from_str(r#"{"catalog": {"id": "t", "colour": "red"}}"#).unwrap();
        let e = raw::File::deserialize(Data(&bad)).unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn a_fraction_written_as_a_json_number_keeps_every_digit() {
        // 19 significant digits: through a binary float the last ones would change.
        let v: Value = serde_json::from_str(
            r#"{"catalog": {"id": "t", "version": "1", "title": "t"},
            "derived": [{"key": "d", "type": "number", "label": "d", "formula": 1234567890.123456789}]}"#,
        )
        .unwrap();
        let f = raw::File::deserialize(Data(&v)).unwrap();
        assert_eq!(f.derived[0].formula.text, "1234567890.123456789");
    }
}
