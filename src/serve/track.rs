//! What a page read: the model as template objects that note every access.
//!
//! `all` (the site) and `derived` are split into parts, one per top-level key
//! (`all.platforms`, `derived.registry`, …). A part is a sequence, a map or a single
//! value, and each element carries a hash of its content. While a page renders, the
//! objects note what it touched: one element (`all.platforms[pi]`,
//! `derived.platforms[p.slug]`), only the length (`{% if all.patterns %}`, `|length`), or
//! the whole part (a loop or a filter over it, or a single value). On the next rebuild a
//! page is rendered again only if something it touched hashes differently. Nothing here
//! knows the templates, so a theme may read anything: it only costs more re-rendering.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use minijinja::value::{Enumerator, Object, ObjectRepr, Value, ValueKind};
use rayon::prelude::*;

/// Which root: 0 = `all`, 1 = `derived`.
pub type RootId = u8;

/// How a part was read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Access {
    Whole,
    Len,
    Index(usize),
    Key(Arc<str>),
}

/// One thing a page read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dep {
    pub root: RootId,
    pub part: Arc<str>,
    pub access: Access,
}

impl Dep {
    /// An element of a part (the page is *about* it), rather than a whole list.
    pub fn is_element(&self) -> bool {
        matches!(self.access, Access::Index(_) | Access::Key(_))
    }
}

/// The accesses of one render.
pub type Log = Arc<Mutex<BTreeSet<Dep>>>;

#[derive(Debug)]
enum Shape {
    Leaf,
    Seq(Vec<(Value, u64)>),
    Map(BTreeMap<Arc<str>, (Value, u64)>),
}

/// One top-level part of a root, its elements hashed.
#[derive(Debug)]
pub struct Part {
    value: Value,
    whole: u64,
    len: usize,
    shape: Shape,
}

impl Part {
    /// Split and hash a value: a sequence or map by element, anything else whole.
    pub fn of(value: Value) -> Part {
        let items: Vec<(Value, Value)> = match value.kind() {
            ValueKind::Seq | ValueKind::Map => pairs(&value),
            _ => vec![],
        };
        let one = |(k, v): (Value, Value)| {
            let h = hash(&v);
            (k, v, h)
        };
        // Small parts (config, agencies, registry) on this thread; large ones (the
        // period reports) in parallel.
        let hashed: Vec<(Value, Value, u64)> = if items.len() > 64 {
            items.into_par_iter().map(one).collect()
        } else {
            items.into_iter().map(one).collect()
        };
        match value.kind() {
            ValueKind::Seq => Part::seq(hashed.into_iter().map(|(_, v, x)| (v, x)).collect()),
            ValueKind::Map if hashed.iter().all(|(k, ..)| k.as_str().is_some()) => {
                let keyed = hashed
                    .into_iter()
                    .map(|(k, v, x)| (k.as_str().unwrap_or_default().into(), (v, x)));
                Part::map(keyed.collect())
            }
            _ => Part {
                whole: hash(&value),
                len: hashed.len(),
                value,
                shape: Shape::Leaf,
            },
        }
    }

    /// A sequence of values already hashed (with [`hash`]).
    pub fn seq(items: Vec<(Value, u64)>) -> Part {
        let mut h = DefaultHasher::new();
        for (i, (_, x)) in items.iter().enumerate() {
            (hash(&Value::from(i)), x).hash(&mut h);
        }
        Part {
            value: items.iter().map(|e| e.0.clone()).collect(),
            whole: h.finish(),
            len: items.len(),
            shape: Shape::Seq(items),
        }
    }

    /// A map of values already hashed (with [`hash`]).
    pub fn map(items: BTreeMap<Arc<str>, (Value, u64)>) -> Part {
        let mut h = DefaultHasher::new();
        for (k, (_, x)) in &items {
            (hash(&Value::from(&**k)), x).hash(&mut h);
        }
        let value: BTreeMap<String, Value> = items.iter().map(|(k, e)| (k.to_string(), e.0.clone())).collect();
        Part {
            value: Value::from(value),
            whole: h.finish(),
            len: items.len(),
            shape: Shape::Map(items),
        }
    }
}

/// Both roots, split and hashed.
#[derive(Debug, Default)]
pub struct Parts {
    roots: [BTreeMap<Arc<str>, Arc<Part>>; 2],
}

impl Parts {
    /// Split `all` and `derived` (template values of the site and the derived facts) at
    /// once (what `values::Values` does element by element; compared in its test).
    #[cfg(test)]
    pub fn new(all: &Value, derived: &Value) -> Parts {
        Parts {
            roots: [split(all), split(derived)],
        }
    }

    /// From parts made one by one ([`Part::of`], [`Part::seq`], [`Part::map`]).
    pub fn from_roots(roots: [BTreeMap<Arc<str>, Arc<Part>>; 2]) -> Parts {
        Parts { roots }
    }

    /// Names of the parts of a root.
    #[cfg(test)]
    pub fn names(&self, root: RootId) -> Vec<Arc<str>> {
        self.roots[root as usize].keys().cloned().collect()
    }

    /// The current hash of what `dep` read (`None`: it is gone).
    pub fn hash(&self, dep: &Dep) -> Option<u64> {
        let part = self.roots.get(dep.root as usize)?.get(&dep.part)?;
        match (&dep.access, &part.shape) {
            (Access::Whole, _) => Some(part.whole),
            (Access::Len, _) => Some(part.len as u64),
            (Access::Index(i), Shape::Seq(items)) => items.get(*i).map(|e| e.1),
            (Access::Key(k), Shape::Map(items)) => items.get(k).map(|e| e.1),
            _ => None,
        }
    }

    /// The template object for a root, noting accesses in `log`.
    pub fn root(self: &Arc<Self>, root: RootId, log: &Log) -> Value {
        Value::from_object(Root {
            parts: self.clone(),
            root,
            log: log.clone(),
        })
    }
}

#[cfg(test)]
fn split(root: &Value) -> BTreeMap<Arc<str>, Arc<Part>> {
    let keys: Vec<Value> = root.try_iter().map(|i| i.collect()).unwrap_or_default();
    keys.into_par_iter()
        .filter_map(|k| {
            let name: Arc<str> = k.as_str()?.into();
            let value = root.get_item(&k).ok()?;
            Some((name, Arc::new(Part::of(value))))
        })
        .collect()
}

/// (index or key, value) of a sequence or map.
fn pairs(v: &Value) -> Vec<(Value, Value)> {
    let Ok(keys) = v.try_iter() else { return vec![] };
    if v.kind() == ValueKind::Map {
        keys.filter_map(|k| v.get_item(&k).ok().map(|x| (k, x))).collect()
    } else {
        keys.enumerate().map(|(i, x)| (Value::from(i), x)).collect()
    }
}

/// A hash of a template value that tells kinds apart (`none` ≠ `false` ≠ `0` ≠ `""`).
pub fn hash(v: &Value) -> u64 {
    let mut h = DefaultHasher::new();
    feed(v, &mut h);
    h.finish()
}

fn feed(v: &Value, h: &mut DefaultHasher) {
    (std::mem::discriminant(&v.kind()), v.is_safe()).hash(h);
    match v.kind() {
        ValueKind::Bool => v.is_true().hash(h),
        ValueKind::String => v.as_str().hash(h),
        ValueKind::Bytes => v.as_bytes().hash(h),
        ValueKind::Seq | ValueKind::Map | ValueKind::Iterable => {
            for (k, x) in pairs(v) {
                feed(&k, h);
                feed(&x, h);
            }
        }
        ValueKind::Undefined | ValueKind::None => {}
        _ => v.to_string().hash(h),
    }
}

/// `all` or `derived`.
#[derive(Debug)]
struct Root {
    parts: Arc<Parts>,
    root: RootId,
    log: Log,
}

impl Root {
    fn part(&self, name: &Arc<str>) -> Value {
        Value::from_object(PartObj {
            parts: self.parts.clone(),
            root: self.root,
            name: name.clone(),
            log: self.log.clone(),
        })
    }
}

fn note(log: &Log, root: RootId, part: &Arc<str>, access: Access) {
    let dep = Dep {
        root,
        part: part.clone(),
        access,
    };
    if let Ok(mut l) = log.lock() {
        l.insert(dep);
    }
}

impl Object for Root {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let (name, part) = self.parts.roots[self.root as usize].get_key_value(key.as_str()?)?;
        match part.shape {
            Shape::Leaf => {
                note(&self.log, self.root, name, Access::Whole);
                Some(part.value.clone())
            }
            _ => Some(self.part(name)),
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let parts = &self.parts.roots[self.root as usize];
        let pairs: Vec<(Value, Value)> = parts
            .iter()
            .map(|(name, part)| {
                note(&self.log, self.root, name, Access::Whole);
                (Value::from(&**name), part.value.clone())
            })
            .collect();
        Enumerator::KeyValueIter(Box::new(pairs.into_iter()))
    }
}

/// One part of a root: a sequence or a map.
#[derive(Debug)]
struct PartObj {
    parts: Arc<Parts>,
    root: RootId,
    name: Arc<str>,
    log: Log,
}

impl PartObj {
    fn part(&self) -> &Part {
        &self.parts.roots[self.root as usize][&self.name]
    }

    fn note(&self, access: Access) {
        note(&self.log, self.root, &self.name, access);
    }
}

impl Object for PartObj {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        match self.part().shape {
            Shape::Seq(_) => ObjectRepr::Seq,
            _ => ObjectRepr::Map,
        }
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match &self.part().shape {
            Shape::Seq(items) => {
                let i = key.as_usize()?;
                self.note(Access::Index(i));
                items.get(i).map(|e| e.0.clone())
            }
            Shape::Map(items) => {
                let (k, e) = items.get_key_value(key.as_str()?)?;
                self.note(Access::Key(k.clone()));
                Some(e.0.clone())
            }
            Shape::Leaf => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.note(Access::Whole);
        match &self.part().shape {
            Shape::Seq(items) => Enumerator::Values(items.iter().map(|e| e.0.clone()).collect()),
            Shape::Map(items) => {
                let pairs: Vec<(Value, Value)> = items.iter().map(|(k, e)| (Value::from(&**k), e.0.clone())).collect();
                Enumerator::KeyValueIter(Box::new(pairs.into_iter()))
            }
            Shape::Leaf => Enumerator::Empty,
        }
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        self.note(Access::Len);
        Some(self.part().len)
    }
}
