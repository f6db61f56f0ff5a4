//! Reported lengths of time (`2h`, `~5h`, `4h..6h`, `lengthy`) and their grammar.

use super::grammar::trimmed;
use super::{TimeError, err};

/// A reported length of time: `2h`, `~5h`, `1h30m`, `4h..6h`, `lengthy`, `brief`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Shortest and longest length it allows, in seconds.
    pub min: u32,
    pub max: u32,
    pub kind: SpanKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanKind {
    Exact,
    About,
    Range,
    Brief,
    Lengthy,
}

const SPAN_FORMS: &str =
    "expected a duration such as 2h, 90m, 1h30m, ~5h, 4h..6h, brief or lengthy";

impl Span {
    /// Parses a duration expression; see docs/format.md for the grammar.
    pub fn parse(text: &str) -> Result<Span, TimeError> {
        let text = trimmed(text);
        match text {
            "brief" => {
                return Ok(Span {
                    min: 0,
                    max: 3600,
                    kind: SpanKind::Brief,
                });
            }
            "lengthy" => {
                return Ok(Span {
                    min: 3 * 3600,
                    max: 12 * 3600,
                    kind: SpanKind::Lengthy,
                });
            }
            _ => {}
        }
        if let Some(rest) = text.strip_prefix('~') {
            let mid = Span::parse_length(rest.trim())?;
            // "About" is read as within a tenth, and never tighter than a quarter hour.
            let slack = (mid / 10).max(15 * 60);
            return Ok(Span {
                min: mid.saturating_sub(slack),
                max: mid.saturating_add(slack),
                kind: SpanKind::About,
            });
        }
        if let Some((a, b)) = text.split_once("..") {
            let (min, max) = (Span::parse_length(a.trim())?, Span::parse_length(b.trim())?);
            if min > max {
                return err(format!(
                    "range '{text}' runs backwards (the shorter length comes first)"
                ));
            }
            return Ok(Span {
                min,
                max,
                kind: SpanKind::Range,
            });
        }
        let len = Span::parse_length(text)?;
        Ok(Span {
            min: len,
            max: len,
            kind: SpanKind::Exact,
        })
    }

    /// The length as reported, in seconds: the length itself for `2h`, the middle for
    /// `~5h`; none for a range or a word (`4h..6h`, `brief`).
    pub fn nominal(&self) -> Option<u32> {
        match self.kind {
            SpanKind::Exact => Some(self.min),
            SpanKind::About => Some(self.min / 2 + self.max / 2),
            SpanKind::Range | SpanKind::Brief | SpanKind::Lengthy => None,
        }
    }

    /// Reads `1d2h30m15s`-style lengths (at least one unit) into seconds.
    pub fn parse_length(text: &str) -> Result<u32, TimeError> {
        if text.is_empty() {
            return err(format!("empty duration; {SPAN_FORMS}"));
        }
        let mut total: u64 = 0;
        let mut number: Option<u64> = None;
        for c in text.chars() {
            match c {
                '0'..='9' => {
                    let digit = u64::from(c as u8 - b'0');
                    number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(digit));
                }
                'd' | 'h' | 'm' | 's' => {
                    let Some(n) = number.take() else {
                        return err(format!(
                            "'{text}': a unit needs a number before it; {SPAN_FORMS}"
                        ));
                    };
                    let unit = match c {
                        'd' => 86_400,
                        'h' => 3600,
                        'm' => 60,
                        _ => 1,
                    };
                    total = total.saturating_add(n.saturating_mul(unit));
                }
                _ => return err(format!("'{text}' is not a duration; {SPAN_FORMS}")),
            }
        }
        if number.is_some() {
            return err(format!(
                "'{text}': the last number has no unit (d, h, m or s)"
            ));
        }
        // A year is more than any negotiation session needs; longer is a typo.
        if total > 366 * 86_400 {
            return err(format!("'{text}' is longer than a year"));
        }
        Ok(total as u32)
    }
}
