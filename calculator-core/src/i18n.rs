//! Languages and localized text.

use serde::{Deserialize, Serialize};

/// A language the calculator speaks. Simplified Chinese comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// 繁體中文
    #[serde(rename = "zh-TW")]
    ZhTw,
    /// English
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Reads a BCP 47 tag loosely (`zh`, `zh-Hans`, `zh-Hant-TW`, `en-US` …).
    /// Anything unrecognised falls back to Simplified Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        let t = tag.to_ascii_lowercase();
        // Subtags compared whole (`zh-Hant-TW`, `zh_HK`): cheaper in wasm
        // than a substring search, and "tw" inside another subtag is no region.
        let traditional = || t.split(['-', '_']).skip(1).any(|s| matches!(s, "tw" | "hk" | "mo" | "hant"));
        if t.starts_with("en") {
            Lang::En
        } else if t.starts_with("zh") && traditional() {
            Lang::ZhTw
        } else {
            Lang::ZhCn
        }
    }

    /// The tag as used in catalogs and reports.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// Picks one of three translations.
    pub fn pick<T>(self, zh_cn: T, zh_tw: T, en: T) -> T {
        match self {
            Lang::ZhCn => zh_cn,
            Lang::ZhTw => zh_tw,
            Lang::En => en,
        }
    }
}

/// A text given in several languages, as written in a catalog:
/// `label = { zh-CN = "营业收入", en = "Annual revenue" }`, or a plain string
/// taken as Simplified Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// 简体中文 (required in a catalog).
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    /// 繁體中文; falls back to Simplified where absent.
    #[serde(rename = "zh-TW", skip_serializing_if = "Option::is_none")]
    pub zh_tw: Option<String>,
    /// English; falls back to Simplified where absent.
    #[serde(rename = "en", skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang`, falling back to Simplified Chinese.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::ZhTw => self.zh_tw.as_deref().unwrap_or(&self.zh_cn),
            Lang::En => self.en.as_deref().unwrap_or(&self.zh_cn),
        }
    }

    /// A text with the same words in every language (codes, numbers).
    pub fn plain(s: impl Into<String>) -> Text {
        Text { zh_cn: s.into(), zh_tw: None, en: None }
    }

    /// Whether no language has any words.
    pub fn is_empty(&self) -> bool {
        self.zh_cn.is_empty() && self.zh_tw.is_none() && self.en.is_none()
    }
}

// Hand-written rather than `#[serde(untagged)]`: untagged enums buffer every
// value first, which costs tens of kilobytes of wasm for each format.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a text, or a table of texts by language (zh-CN, zh-TW, en)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let (mut zh_cn, mut zh_tw, mut en) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "zh-CN" => &mut zh_cn,
                        "zh-TW" => &mut zh_tw,
                        "en" => &mut en,
                        other => return Err(de::Error::unknown_field(other, &["zh-CN", "zh-TW", "en"])),
                    };
                    *slot = Some(map.next_value::<String>()?);
                }
                let zh_cn = zh_cn.ok_or_else(|| de::Error::missing_field("zh-CN"))?;
                Ok(Text { zh_cn, zh_tw, en })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-Hant-TW"), Lang::ZhTw);
        assert_eq!(Lang::from_tag("zh-HK"), Lang::ZhTw);
        assert_eq!(Lang::from_tag("zh_TW"), Lang::ZhTw);
        assert_eq!(Lang::from_tag("zh-Hant"), Lang::ZhTw);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("zh-Hans"), Lang::ZhCn);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::ZhCn);
    }

    #[test]
    fn fallback() {
        let t = Text { zh_cn: "营业收入".into(), zh_tw: None, en: Some("Revenue".into()) };
        assert_eq!(t.get(Lang::ZhTw), "营业收入");
        assert_eq!(t.get(Lang::En), "Revenue");
    }
}
