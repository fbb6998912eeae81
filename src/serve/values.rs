//! The model as template values, kept between rebuilds and redone only where it changed.
//!
//! Pages read `all` (the site) and `derived` through [`track`]'s objects, split into
//! parts with a hash per element. Converting a whole 10k-page model to template values
//! and hashing it takes about a second, so this keeps each platform's value and hash
//! (`all.platforms[i]`, `derived.platforms[slug]`) and converts again only the platforms
//! the model says changed ([`Delta`]). The site-wide parts (config, agencies, patterns,
//! KPIs, pages, registry) are small and converted every time; the period reports only
//! when they were computed again. The result equals splitting the whole model at once
//! ([`Parts::new`]; tested below).

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::Serde;
use rayon::prelude::*;
use serde::Serialize;

use super::track::{self, Part, Parts};
use crate::derive::Derived;
use crate::model::Site;
use crate::site::Delta;

/// Template values of the model, by element.
#[derive(Default)]
pub struct Values {
    /// `all.platforms` elements by slug.
    platforms: BTreeMap<String, (Value, u64)>,
    /// `derived.platforms` elements by slug.
    derived: BTreeMap<String, (Value, u64)>,
    reports: Option<Arc<Part>>,
}

fn hashed<T: Serialize>(x: &T) -> (Value, u64) {
    let v = Value::from(Serde(x));
    let h = track::hash(&v);
    (v, h)
}

fn of<T: Serialize>(x: &T) -> Arc<Part> {
    Arc::new(Part::of(Value::from(Serde(x))))
}

/// `f` over `items`, in parallel when there are several (one edit's single platform is
/// converted on this thread: handing it to the pool and waiting costs more).
fn each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() > 1 {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

impl Values {
    /// The parts of the model now, after the changes in `delta`.
    pub fn update(&mut self, site: &Site, derived: &Derived, delta: &Delta) -> Arc<Parts> {
        if delta.all {
            self.platforms.clear();
            self.derived.clear();
        }
        for slug in &delta.platforms {
            self.platforms.remove(slug);
            self.derived.remove(slug);
        }
        let todo: Vec<_> = site
            .platforms
            .iter()
            .filter(|p| !self.platforms.contains_key(&p.slug))
            .collect();
        self.platforms.extend(each(&todo, |p| (p.slug.clone(), hashed(*p))));
        let todo: Vec<_> = derived
            .platforms
            .iter()
            .filter(|(s, _)| !self.derived.contains_key(*s))
            .collect();
        self.derived.extend(each(&todo, |(s, d)| ((*s).clone(), hashed(*d))));
        if delta.all || delta.reports || self.reports.is_none() {
            self.reports = Some(of(&derived.reports));
        }
        Arc::new(Parts::from_roots([self.all(site), self.derived(derived)]))
    }

    fn all(&self, site: &Site) -> BTreeMap<Arc<str>, Arc<Part>> {
        let platforms = site.platforms.iter().map(|p| self.platforms[&p.slug].clone()).collect();
        BTreeMap::from([
            ("config".into(), of(&site.config)),
            ("agencies".into(), of(&site.agencies)),
            ("platforms".into(), Arc::new(Part::seq(platforms))),
            ("patterns".into(), of(&site.patterns)),
            ("kpis".into(), of(&site.kpis)),
            ("pages".into(), of(&site.pages)),
            ("now".into(), of(&site.now)),
        ])
    }

    fn derived(&self, derived: &Derived) -> BTreeMap<Arc<str>, Arc<Part>> {
        let platforms = derived
            .platforms
            .keys()
            .map(|s| (Arc::from(s.as_str()), self.derived[s].clone()))
            .collect();
        let reports = self.reports.clone().unwrap_or_else(|| of(&derived.reports));
        BTreeMap::from([
            ("registry".into(), of(&derived.registry)),
            ("overview".into(), of(&derived.overview)),
            ("agency_index".into(), of(&derived.agency_index)),
            ("platforms".into(), Arc::new(Part::map(platforms))),
            ("kpis".into(), of(&derived.kpis)),
            ("kpi_scores".into(), of(&derived.kpi_scores)),
            ("reports".into(), reports),
        ])
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::serve::track::{Access, Dep};
    use crate::site::{Build, BuildOptions};

    /// The parts made element by element hash exactly like the whole model split at once,
    /// part by part and element by element.
    #[test]
    fn values_split_like_the_whole_model() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/content");
        let opts = BuildOptions {
            content,
            out: "site".into(),
            now: "2026-11-21".parse().unwrap(),
            base_url: None,
            drafts: false,
            history: false,
        };
        let b = Build::load(&opts).lower().lint().render_markdown().derive();
        let (site, derived) = (b.site().unwrap(), b.derived().unwrap());
        assert!(site.platforms.len() >= 2 && !derived.reports.is_empty());
        let whole = Parts::new(&Value::from(Serde(site)), &Value::from(Serde(derived)));
        let delta = Delta {
            all: true,
            ..Delta::default()
        };
        let made = Values::default().update(site, derived, &delta);
        for root in [0, 1] {
            assert_eq!(whole.names(root), made.names(root), "root {root}");
            for part in whole.names(root) {
                let mut accesses = vec![Access::Whole, Access::Len];
                accesses.extend((0..site.platforms.len() + 1).map(Access::Index));
                accesses.extend(site.platforms.iter().map(|p| Access::Key(p.slug.as_str().into())));
                for access in accesses {
                    let dep = Dep {
                        root,
                        part: part.clone(),
                        access,
                    };
                    assert_eq!(whole.hash(&dep), made.hash(&dep), "{dep:?}");
                }
            }
        }
    }
}
