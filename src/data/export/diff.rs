//! A [`Diff`] written out: plain text for a terminal, a Markdown report, or JSON for
//! programs. Text and Markdown show file text only through the one rule for the screen
//! or Markdown's escape; JSON keeps it as written.

use serde_json::{Value, json};

use super::markdown::escape;
use crate::model::describe::{self, count};
use crate::model::diff::{Change, Diff};
use crate::model::text::clean_line;
use crate::model::timeline::{EventIx, Timeline};

/// The two versions compared, and their names as the user gave them.
pub struct Versions<'a> {
    pub old: &'a Timeline,
    pub new: &'a Timeline,
    pub old_name: &'a str,
    pub new_name: &'a str,
}

/// "1 added, 1 removed, 2 changed", or "no changes".
pub fn summary(d: &Diff) -> String {
    if d.is_empty() {
        return "no changes".into();
    }
    let mut parts = vec![
        format!("{} added", describe::thousands(d.added.len())),
        format!("{} removed", describe::thousands(d.removed.len())),
        format!("{} changed", describe::thousands(d.changed.len())),
    ];
    if !d.dataset.is_empty() {
        parts.push(count(d.dataset.len(), "dataset field", "dataset fields"));
    }
    parts.join(", ")
}

/// "Thu 4 Dec 2025 18:00 → 20:00 · Title", as a row names an event.
fn headline(tl: &Timeline, ix: EventIx) -> String {
    let ev = tl.event(ix);
    format!(
        "{} · {}",
        describe::full_when_line(ev, tl.meta.zone),
        ev.title()
    )
}

/// One change as words: the field, then what it was and what it is.
fn words(change: &Change) -> (String, Vec<String>) {
    match change {
        Change::Replaced { field, from, to } => {
            let shown = |v: &str| {
                if v.is_empty() {
                    "(none)".to_string()
                } else {
                    v.to_string()
                }
            };
            (
                field.name().to_string(),
                vec![format!("{} ⇒ {}", shown(from), shown(to))],
            )
        }
        Change::Time { from, to, shift } => {
            (format!("time {shift}"), vec![format!("{from} ⇒ {to}")])
        }
        Change::Members {
            field,
            added,
            removed,
        } => {
            let lines = added
                .iter()
                .map(|m| format!("+ {m}"))
                .chain(removed.iter().map(|m| format!("- {m}")))
                .collect();
            (field.name().to_string(), lines)
        }
    }
}

/// The plain-text report, one line per event added or removed and an indented line per
/// change; every piece of file text cleaned for the terminal.
pub fn text(v: &Versions, d: &Diff) -> String {
    let mut out = format!(
        "{} → {}: {}\n",
        clean_line(v.old_name),
        clean_line(v.new_name),
        summary(d)
    );
    // `participants: + hnatov`, further members under the first.
    let change_lines = |out: &mut String, changes: &[Change]| {
        for change in changes {
            let (field, lines) = words(change);
            for (i, line) in lines.iter().enumerate() {
                let label = if i == 0 {
                    format!("{field}: ")
                } else {
                    " ".repeat(field.len() + 2)
                };
                out.push_str(&format!("    {label}{}\n", clean_line(line)));
            }
        }
    };
    if !d.dataset.is_empty() {
        out.push_str("dataset\n");
        change_lines(&mut out, &d.dataset);
    }
    for &ix in &d.added {
        let id = v.new.event(ix).id();
        out.push_str(&format!(
            "+ {}  {}\n",
            clean_line(id),
            clean_line(&headline(v.new, ix))
        ));
    }
    for &ix in &d.removed {
        let id = v.old.event(ix).id();
        out.push_str(&format!(
            "- {}  {}\n",
            clean_line(id),
            clean_line(&headline(v.old, ix))
        ));
    }
    for c in &d.changed {
        let id = v.new.event(c.new).id();
        out.push_str(&format!(
            "~ {}  {}\n",
            clean_line(id),
            clean_line(&headline(v.new, c.new))
        ));
        change_lines(&mut out, &c.changes);
    }
    out
}

/// The Markdown report: a section each for the dataset, events added, removed and
/// changed; file text escaped so that nothing in it becomes markup or a link.
pub fn markdown(v: &Versions, d: &Diff) -> String {
    let mut out = format!(
        "# Changes from {} to {}\n\n{}.\n",
        escape(v.old_name),
        escape(v.new_name),
        summary(d)
    );
    let bullets = |out: &mut String, changes: &[Change]| {
        for change in changes {
            let (field, what) = match change {
                Change::Members {
                    field,
                    added,
                    removed,
                } => {
                    let listed = |verb: &str, members: &[String]| {
                        (!members.is_empty()).then(|| {
                            let members: Vec<String> = members.iter().map(|m| escape(m)).collect();
                            format!("{verb} {}", members.join(", "))
                        })
                    };
                    let parts: Vec<String> = [listed("added", added), listed("withdrawn", removed)]
                        .into_iter()
                        .flatten()
                        .collect();
                    (field.name().to_string(), parts.join("; "))
                }
                _ => {
                    let (field, lines) = words(change);
                    (field, escape(&lines.join("; ")))
                }
            };
            out.push_str(&format!("- **{}**: {what}\n", escape(&field)));
        }
    };
    if !d.dataset.is_empty() {
        out.push_str("\n## Dataset\n\n");
        bullets(&mut out, &d.dataset);
    }
    let events = |out: &mut String, heading: &str, tl: &Timeline, list: &[EventIx]| {
        if list.is_empty() {
            return;
        }
        out.push_str(&format!("\n## {heading}\n\n"));
        for &ix in list {
            out.push_str(&format!(
                "- {}: {}\n",
                escape(tl.event(ix).id()),
                escape(&headline(tl, ix))
            ));
        }
    };
    events(&mut out, "Added", v.new, &d.added);
    events(&mut out, "Removed", v.old, &d.removed);
    if !d.changed.is_empty() {
        out.push_str("\n## Changed\n");
        for c in &d.changed {
            out.push_str(&format!(
                "\n### {}: {}\n\n",
                escape(v.new.event(c.new).id()),
                escape(&headline(v.new, c.new))
            ));
            bullets(&mut out, &c.changes);
        }
    }
    out
}

fn change_json(change: &Change) -> Value {
    match change {
        Change::Replaced { field, from, to } => {
            json!({ "field": field.name(), "from": from, "to": to })
        }
        Change::Time { from, to, shift } => {
            json!({ "field": "time", "shift": shift.to_string(), "from": from, "to": to })
        }
        Change::Members {
            field,
            added,
            removed,
        } => json!({ "field": field.name(), "added": added, "removed": removed }),
    }
}

/// The JSON report: the same content, text as written.
pub fn json(v: &Versions, d: &Diff) -> String {
    let event = |tl: &Timeline, ix: EventIx| {
        let ev = tl.event(ix);
        json!({
            "id": ev.id(),
            "title": ev.title(),
            "when": describe::full_when_line(ev, tl.meta.zone),
        })
    };
    let report = json!({
        "old": v.old_name,
        "new": v.new_name,
        "dataset": d.dataset.iter().map(change_json).collect::<Vec<_>>(),
        "added": d.added.iter().map(|&ix| event(v.new, ix)).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(|&ix| event(v.old, ix)).collect::<Vec<_>>(),
        "changed": d.changed.iter().map(|c| {
            let mut e = event(v.new, c.new);
            e["changes"] = c.changes.iter().map(change_json).collect();
            e
        }).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
