//! The home page's overview (derive::overview): amounts by supervising ministry or city
//! and platforms per year add up to the registry on the example site (the 32 platforms of
//! the 2021 national list, 7,812.53 億元) and on the valid fixture, and the home page in
//! both languages draws them as named SVG charts with the same figures in tables.

mod support;

use touming::derive::Derived;
use touming::model::amount;

fn derive(content: &str) -> Derived {
    support::derived(&support::opts(content, "unused"))
}

#[test]
fn example_amounts_by_supervising_body_sum_to_the_registry_total() {
    let d = derive("content");
    let ov = &d.overview;
    let sum: u64 = ov.by_parent.iter().map(|g| g.total_ntd).sum();
    assert_eq!(sum, d.registry.total_ntd);
    assert_eq!(amount::yi_number(sum), "7,812.53");
    assert_eq!(ov.by_parent.iter().map(|g| g.count).sum::<usize>(), 32);
    assert_eq!(ov.without_amount, 0);
    // 交通部 and 臺北市 lead their levels; central bodies come before cities.
    let names: Vec<&str> = ov.by_parent.iter().map(|g| g.parent.zh.as_str()).collect();
    assert_eq!(names.first(), Some(&"交通部"), "{names:?}");
    let first_local = ov.by_parent.iter().position(|g| g.parent.zh == "臺北市").unwrap();
    assert!(
        ov.by_parent[..first_local].iter().all(|g| g.level.code() == "central"),
        "{names:?}"
    );
    assert!(
        ov.by_parent[first_local..].iter().all(|g| g.level.code() == "local"),
        "{names:?}"
    );
    for level in ["central", "local"] {
        let amounts: Vec<u64> = ov
            .by_parent
            .iter()
            .filter(|g| g.level.code() == level)
            .map(|g| g.total_ntd)
            .collect();
        assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{level}: {amounts:?}");
    }
    assert_eq!(ov.max_ntd, ov.by_parent.iter().map(|g| g.total_ntd).max().unwrap());
}

#[test]
fn example_platforms_per_year_count_every_platform_once() {
    let d = derive("content");
    let years = &d.overview.by_year;
    assert_eq!(years.iter().map(|y| y.count).sum::<usize>(), 32);
    assert_eq!(years.iter().map(|y| y.active + y.closed).sum::<usize>(), 32);
    assert_eq!(years.iter().map(|y| y.active).sum::<usize>(), d.registry.active);
    // Every year from the first to the last, none skipped: 2017 (民國106年) to 2021.
    let list: Vec<i32> = years.iter().map(|y| y.year).collect();
    assert_eq!(list, (2017..=2021).collect::<Vec<_>>());
    assert_eq!(years.iter().find(|y| y.year == 2021).map(|y| y.count), Some(11));
}

#[test]
fn fixture_overview_agrees_with_its_registry() {
    let d = derive("tests/fixtures/valid/content");
    let ov = &d.overview;
    assert_eq!(
        ov.by_parent.iter().map(|g| g.total_ntd).sum::<u64>(),
        d.registry.total_ntd
    );
    assert_eq!(ov.by_parent.iter().map(|g| g.count).sum::<usize>(), d.registry.total);
    assert_eq!(ov.by_year.iter().map(|y| y.count).sum::<usize>(), d.registry.total);
}

#[test]
fn home_page_draws_both_charts_with_tables_in_both_languages() {
    let out = tempfile::tempdir().unwrap();
    touming::site::build(&support::opts("content", out.path().join("site"))).unwrap();
    for (page, total, year) in [
        ("index.html", "7,812.53 億元", "110年"),
        ("en/index.html", "NT$781.25 billion", "2021"),
    ] {
        let html = std::fs::read_to_string(out.path().join("site").join(page)).unwrap();
        for id in ["ov-amount", "ov-year"] {
            for v in ["wide", "narrow"] {
                let svg = format!(r#"role="img" aria-labelledby="{id}-{v}-title {id}-{v}-desc""#);
                assert!(html.contains(&svg), "{page}: no {id}-{v} chart");
            }
        }
        assert!(
            html.contains(&format!("<td class=\"num\">{total}</td>")),
            "{page}: no total {total}"
        );
        assert!(
            html.contains(&format!("<th scope=\"row\">{year}</th>")),
            "{page}: no row for {year}"
        );
        assert!(!html.contains(" style=\""), "{page}: inline style (blocked by the CSP)");
    }
}
