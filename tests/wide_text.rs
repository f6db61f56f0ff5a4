//! Wide and combining characters (CJK, emoji, Cyrillic, accents) keep every pane's
//! columns aligned: borders stay where they belong on every row.

use parley::app::{Action, App, View, layout};
use parley::data::load_file;
use parley::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(size: (u16, u16)) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wide.json");
    let tl = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    App::new(tl, None, 1_764_972_000, size)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    t.draw(|f| render(app, &Theme::plain(), f)).expect("draw");
    t
}

/// Every body row has its pane borders at the columns the layout gives them.
fn assert_aligned(app: &App) {
    let t = draw(app);
    let buf = t.backend().buffer();
    let areas = layout::areas(app.size.0, app.size.1, app.nav.focus);
    let mut columns = Vec::new();
    for r in [areas.list, areas.detail].into_iter().flatten() {
        columns.push(r.x);
        columns.push(r.x + r.width - 1);
    }
    let body = areas.list.or(areas.detail).expect("a pane");
    for y in body.y + 1..body.y + body.height - 1 {
        for &x in &columns {
            // The detail's scrollbar runs on its right border.
            assert!(
                ["│", "┃"].contains(&buf[(x, y)].symbol()),
                "row {y}, column {x}:\n{}",
                t.backend()
            );
        }
    }
}

#[test]
fn every_view_stays_aligned() {
    for size in [(120, 40), (80, 24), (50, 15)] {
        let mut app = app(size);
        for view in View::ALL {
            app.update(Action::Show(view));
            for _ in 0..4 {
                assert_aligned(&app);
                app.update(Action::Down);
            }
            app.update(Action::Follow);
            assert_aligned(&app);
            app.update(Action::Clear);
        }
    }
}

#[test]
fn snapshots_of_wide_text() {
    let mut app = app((120, 40));
    insta::assert_snapshot!("wide_timeline_120x40", draw(&app).backend());
    app.update(Action::Show(View::People));
    app.update(Action::Down);
    insta::assert_snapshot!("wide_people_120x40", draw(&app).backend());
}
