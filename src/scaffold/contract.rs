//! The field names of the contract, read from the raw structs themselves (serde passes
//! every struct's field list to `deserialize_struct`), so tests can check that templates
//! and the web editor cover every field that content may use.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// A deserializer that only records the field names it is asked for.
struct Names(Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for &mut Names {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("field names only"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(fields);
        Err(de::Error::custom("field names only"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Every field name of a raw struct (`PlatformRaw`, `MeetingRaw` …), in declaration order.
pub fn field_names<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut names = Names(None);
    let _ = T::deserialize(&mut names);
    names.0.unwrap_or(&[])
}

/// The fields every Markdown file and YAML list entry may carry.
pub const VISIBILITY: [&str; 3] = ["draft", "publish_after", "confidential_until"];

#[cfg(test)]
mod tests {
    use super::field_names;
    use crate::content::raw::LinkRaw;

    #[test]
    fn reads_the_field_list() {
        assert_eq!(
            field_names::<LinkRaw>(),
            [
                "title",
                "title_en",
                "url",
                "draft",
                "publish_after",
                "confidential_until"
            ]
        );
    }
}
