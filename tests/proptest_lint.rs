//! Property tests of the integrity lints: any text is scanned without panicking, in
//! time linear in its length; findings are sorted, non-empty byte ranges on character
//! boundaries; a checksum-valid ID is always found wherever it is put, masked to its
//! first six characters, and the message never repeats it.

use proptest::prelude::*;
use touming::lint::{self, Kind, LintConfig};

/// Text made of the characters the detectors look at, in any order.
fn lint_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[0-9A-Za-z@.+()# -]{1,12}",
            Just("底價".to_string()),
            Just("評選委員".to_string()),
            Just("臺北市".to_string()),
            Just("中正區博愛路".to_string()),
            Just("號".to_string()),
            Just("億元".to_string()),
            Just("王大明、".to_string()),
            Just("０９１２".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("<!-- touming: allow all -->".to_string()),
            "\\PC{1,6}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn check_ranges(text: &str, found: &[lint::Finding]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for f in found {
        prop_assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        prop_assert!(f.start >= last, "unsorted");
        last = f.start;
        prop_assert!(!f.message.is_empty());
    }
    Ok(())
}

/// `A12345678` + its check digit.
fn with_check(prefix: &str) -> String {
    (0..10)
        .map(|d| format!("{prefix}{d}"))
        .find(|id| lint::ids::classify(id).is_some())
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn any_text_scans_without_panicking_into_valid_ranges(text in lint_text(), before in any::<bool>()) {
        let cfg = LintConfig { allow: vec!["02-2720-8889".into()], before_award: before };
        check_ranges(&text, &lint::scan_personal(&text, &cfg))?;
        check_ranges(&text, &lint::scan_secrecy(&text, &cfg))?;
        check_ranges(&text, &lint::lint_source(&text, &cfg))?;
        if !before {
            prop_assert!(lint::scan_secrecy(&text, &cfg).is_empty());
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "(?s)\\PC{0,200}", offset in 0usize..400) {
        let cfg = LintConfig { allow: vec![text.clone()], before_award: true };
        let _ = lint::lint_source(&text, &cfg);
        let _ = lint::is_acknowledged(&text, offset, Kind::Email);
        let _ = lint::acknowledged(&text);
    }

    #[test]
    fn a_valid_id_is_found_anywhere_and_masked(
        letter in "[A-Z]", sex in "[12]", digits in "[0-9]{7}",
        before in "\\PC{0,10}", after in "\\PC{0,10}",
    ) {
        let id = with_check(&format!("{letter}{sex}{digits}"));
        let pad = |s: &str| format!(" {s} ");
        let text = format!("{}{id}{}", pad(&before), pad(&after));
        let found = lint::scan_personal(&text, &LintConfig::default());
        let hit = found.iter().find(|f| text[f.start..f.end] == id);
        prop_assert!(hit.is_some(), "{text:?}: {found:?}");
        let hit = hit.unwrap();
        prop_assert_eq!(hit.kind, Kind::NationalId);
        prop_assert_eq!(hit.suggestion.clone().unwrap(), format!("{}****", &id[..6]));
        prop_assert!(!hit.message.contains(&id), "the message repeats the ID");
    }
}

#[test]
fn large_hostile_text_is_scanned_in_linear_time() {
    let unit = "底價評選委員王大明、臺北市中正區博愛路0912-345-678@a.b.c A123456789 億元\n";
    let text = unit.repeat(8_000);
    let started = std::time::Instant::now();
    let cfg = LintConfig {
        allow: vec![],
        before_award: true,
    };
    let found = lint::lint_source(&text, &cfg);
    assert!(!found.is_empty());
    let at = "@".repeat(200_000) + &"a".repeat(200_000) + &"1".repeat(200_000);
    let _ = lint::lint_source(&at, &cfg);
    let took = started.elapsed();
    assert!(took.as_secs() < 30, "took {took:?}");
}
