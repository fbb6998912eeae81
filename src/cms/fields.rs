//! CMS fields ("widgets") and their constructors, one per kind of value in the content
//! model: text, dates, codes from [`crate::model::vocab`], lists, numbers, Markdown.
//!
//! Labels are "中文 English"; hints say what to write, in Chinese then English. Optional
//! dates get `default: ""` so Decap does not fill in today's date by itself.

use serde::Serialize;

use super::App;

/// One option of a select field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

/// A CMS field (Decap "widget", Sveltia "field type"). Unset options are left out.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub widget: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picker_utc: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<[String; 2]>,
    /// Sveltia: the list is the whole file (a YAML file that is a top-level list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<Field>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choose_url: Option<bool>,
    /// Markdown: which editor blocks to offer (none: no image uploads into bodies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_components: Option<Vec<String>>,
}

impl Field {
    /// A field of `widget`, optional, with a hint.
    pub fn new(name: &str, label: &str, widget: &'static str, hint: &str) -> Field {
        Field {
            name: name.into(),
            label: label.into(),
            widget,
            required: Some(false),
            hint: (!hint.is_empty()).then(|| hint.to_string()),
            ..Field::default()
        }
    }

    /// The same field, required.
    pub fn req(mut self) -> Field {
        self.required = None;
        self
    }
}

/// One-line text.
pub fn string(name: &str, label: &str, hint: &str) -> Field {
    Field::new(name, label, "string", hint)
}

/// Multi-line plain text.
pub fn text(name: &str, label: &str, hint: &str) -> Field {
    Field::new(name, label, "text", hint)
}

/// A Markdown body, without image or code-block components (files are published through
/// `documents`, never embedded).
pub fn markdown(name: &str, label: &str, hint: &str) -> Field {
    Field {
        editor_components: Some(vec![]),
        ..Field::new(name, label, "markdown", hint)
    }
}

/// What a date picker's hint adds.
const DATE_NOTE: &str = "以西元 YYYY-MM-DD 儲存／saved as YYYY-MM-DD";

/// A date, saved as `YYYY-MM-DD` (touming also reads ROC dates written in git).
pub fn date(name: &str, label: &str, hint: &str) -> Field {
    let note = DATE_NOTE;
    let hint = if hint.is_empty() {
        note.to_string()
    } else {
        format!("{hint}（{note}）")
    };
    Field {
        format: Some("YYYY-MM-DD"),
        date_format: Some("YYYY-MM-DD"),
        time_format: Some(false),
        picker_utc: Some(true),
        default: Some(serde_json::Value::String(String::new())),
        ..Field::new(name, label, "datetime", &hint)
    }
}

/// A whole number between `min` and `max`.
pub fn number(name: &str, label: &str, hint: &str, min: i64, max: Option<i64>) -> Field {
    Field {
        value_type: Some("int"),
        min: Some(min),
        max,
        ..Field::new(name, label, "number", hint)
    }
}

/// A code from a closed list, labelled `代碼 中文`.
pub fn select(name: &str, label: &str, hint: &str, options: Vec<Choice>) -> Field {
    Field {
        options,
        ..Field::new(name, label, "select", hint)
    }
}

/// Options from `(code, 中文)` pairs.
pub fn choices<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Choice> {
    pairs
        .into_iter()
        .map(|(code, zh)| Choice {
            label: format!("{zh}（{code}）"),
            value: code.into(),
        })
        .collect()
}

/// `true` / `false`.
pub fn boolean(name: &str, label: &str, hint: &str) -> Field {
    Field {
        default: Some(serde_json::Value::Bool(false)),
        ..Field::new(name, label, "boolean", hint)
    }
}

/// A list of strings, one input per item.
pub fn strings(name: &str, label: &str, hint: &str) -> Field {
    Field {
        field: Some(Box::new(string("item", label, "").req())),
        ..Field::new(name, label, "list", hint)
    }
}

/// A list of objects; `summary` names the entry in the collapsed list.
pub fn objects(name: &str, label: &str, hint: &str, summary: &str, fields: Vec<Field>) -> Field {
    Field {
        fields,
        summary: Some(summary.into()),
        collapsed: Some(true),
        ..Field::new(name, label, "list", hint)
    }
}

/// A whole YAML file that is a list (`qa.yaml` …): Sveltia's top-level list.
pub fn root_list(label: &str, hint: &str, summary: &str, fields: Vec<Field>) -> Field {
    Field {
        root: Some(true),
        ..objects("items", label, hint, summary, fields)
    }
}

/// A file attachment stored in a platform's `files/` folder, written as `files/<name>`.
pub fn platform_file(name: &str, label: &str, hint: &str, content_dir: &str, slug: &str) -> Field {
    Field {
        media_folder: Some(format!("/{content_dir}/platforms/{slug}/files")),
        public_folder: Some("files".into()),
        choose_url: Some(false),
        ..Field::new(name, label, "file", hint)
    }
}

/// `draft`, `publish_after` and, inside platform folders, `confidential_until`.
pub fn visibility(in_platform: bool) -> Vec<Field> {
    use crate::model::vocab::Confidential;
    let mut out = vec![
        boolean("draft", "草稿 Draft", "勾選後不公開／never published while checked"),
        date(
            "publish_after",
            "延後公開日期 Publish after",
            "該日以前不公開／hidden before this date",
        ),
    ];
    if in_platform {
        out.push(select(
            "confidential_until",
            "決標前保密 Confidential until",
            "政府採購法第34條：到平臺里程碑的該階段有實際日期才公開／withheld until the platform reaches this stage",
            choices(Confidential::ALL.iter().map(|c| (c.code(), c.zh()))),
        ));
    }
    out
}

/// Whether the app edits YAML files that are a top-level list (Decap does not).
pub fn supports_root_lists(app: App) -> bool {
    app == App::Sveltia
}

/// Decap writes an optional date picker's value even when untouched (today's date, or
/// `''` with an empty default), so there optional dates are text with a pattern.
pub fn adjust_for_decap(fields: &mut [Field]) {
    for f in fields.iter_mut() {
        if f.widget == "datetime" && f.required == Some(false) {
            *f = Field {
                pattern: Some([
                    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,3}[-./]\d{1,2}[-./]\d{1,2}|\d{6,7})$".into(),
                    "請寫成 2021-05-11 或民國 110-05-11".into(),
                ]),
                ..Field::new(
                    &f.name,
                    &f.label,
                    "string",
                    &f.hint
                        .as_deref()
                        .unwrap_or("")
                        .replace(DATE_NOTE, "2021-05-11 或 110-05-11"),
                )
            };
        }
        adjust_for_decap(&mut f.fields);
        if let Some(inner) = f.field.as_deref_mut() {
            adjust_for_decap(std::slice::from_mut(inner));
        }
    }
}
