//! The weighted KPI score (加權達成分數) of a goal or of a whole year.
//!
//! ```text
//! score = Σ(weight × met) / Σ(weight of indicators whose result is known) × 100
//! ```
//!
//! An indicator is *known* when it has both `target` and `actual` (see
//! [`super::indicator_met`]); indicators without a result yet neither help nor hurt. An
//! indicator without `weight` weighs 1; a weight of 0 (or less) leaves it out. When no
//! weighted indicator is known the score is `None` (shown as "no data", never as 0).
//! docs/checks.md states the rule for agency staff.

use serde::Serialize;

use crate::model::Indicator;

/// A weighted score and the sums it comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// 0–100, or `None` when no weighted indicator has a known result.
    pub score: Option<f64>,
    /// Σ weight of the indicators met.
    pub met_weight: f64,
    /// Σ weight of the indicators with a known result (met or missed).
    pub known_weight: f64,
    /// Σ weight of all indicators, known or not.
    pub total_weight: f64,
    pub met: usize,
    pub missed: usize,
    pub unknown: usize,
}

/// The weight an indicator counts with: its `weight`, 1 when absent, never negative.
pub fn weight(i: &Indicator) -> f64 {
    i.weight.unwrap_or(1.0).max(0.0)
}

/// The weighted score of a set of indicators (one goal, or every goal of a year).
pub fn score<'a>(indicators: impl IntoIterator<Item = &'a Indicator>) -> Score {
    let mut s = Score::default();
    for i in indicators {
        let w = weight(i);
        s.total_weight += w;
        match super::indicator_met(i) {
            Some(true) => {
                s.met += 1;
                s.met_weight += w;
                s.known_weight += w;
            }
            Some(false) => {
                s.missed += 1;
                s.known_weight += w;
            }
            None => s.unknown += 1,
        }
    }
    if s.known_weight > 0.0 {
        s.score = Some(s.met_weight / s.known_weight * 100.0);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Text};

    fn ind(weight: Option<f64>, target: Option<f64>, actual: Option<f64>, direction: Direction) -> Indicator {
        Indicator {
            title: Text::new("指標", None),
            weight,
            formula: None,
            unit: None,
            target,
            actual,
            direction,
            note: None,
        }
    }

    const UP: Direction = Direction::HigherIsBetter;
    const DOWN: Direction = Direction::LowerIsBetter;

    #[test]
    fn weights_of_met_over_weights_of_known() {
        let xs = [
            ind(Some(6.0), Some(70.0), Some(78.0), UP),  // met
            ind(Some(5.0), Some(5.0), Some(2.0), UP),    // missed
            ind(Some(9.0), Some(12.0), Some(5.9), DOWN), // met (lower is better)
            ind(Some(10.0), Some(84.0), None, UP),       // unknown: left out
        ];
        let s = score(&xs);
        assert_eq!(s.met_weight, 15.0);
        assert_eq!(s.known_weight, 20.0);
        assert_eq!(s.total_weight, 30.0);
        assert_eq!((s.met, s.missed, s.unknown), (2, 1, 1));
        assert_eq!(s.score, Some(75.0));
    }

    #[test]
    fn reaching_the_target_exactly_is_met_in_both_directions() {
        let xs = [
            ind(Some(1.0), Some(10.0), Some(10.0), UP),
            ind(Some(1.0), Some(10.0), Some(10.0), DOWN),
        ];
        assert_eq!(score(&xs).score, Some(100.0));
        let xs = [ind(Some(3.0), Some(10.0), Some(10.5), DOWN)];
        assert_eq!(score(&xs).score, Some(0.0));
    }

    #[test]
    fn nothing_known_is_no_score_not_zero() {
        assert_eq!(score(&[ind(Some(4.0), Some(1.0), None, UP)]).score, None);
        assert_eq!(score(&[]).score, None);
        // Known, but weighing nothing: still no score.
        assert_eq!(score(&[ind(Some(0.0), Some(1.0), Some(2.0), UP)]).score, None);
    }

    #[test]
    fn absent_weight_counts_one_and_negative_counts_zero() {
        let xs = [
            ind(None, Some(1.0), Some(2.0), UP),       // met, weight 1
            ind(None, Some(1.0), Some(0.0), UP),       // missed, weight 1
            ind(Some(-5.0), Some(1.0), Some(0.0), UP), // missed, weight 0
        ];
        let s = score(&xs);
        assert_eq!(s.score, Some(50.0));
        assert_eq!(s.known_weight, 2.0);
        assert_eq!(s.missed, 2);
    }
}
