//! Each fact of the source article (and of the facts that pin its weekdays) checked
//! against the bundled dataset as parley loads it.

use chrono::NaiveDate;
use chrono::TimeZone;
use chrono_tz::America::New_York;
use chrono_tz::Europe::Moscow;
use parley::data::load_bundled;
use parley::model::accounts::{About, Field, Told};
use parley::model::describe;
use parley::model::time::Precision;
use parley::model::timeline::{Event, EventIx, EventKind, RelationKind, Status, Timeline};
use pretty_assertions::assert_eq;

fn timeline() -> Timeline {
    load_bundled().unwrap_or_else(|e| panic!("the bundled dataset is invalid:\n{e}"))
}

fn event<'a>(tl: &'a Timeline, id: &str) -> &'a Event {
    let ix = tl
        .event_by_id(id)
        .unwrap_or_else(|| panic!("no event {id}"));
    tl.event(ix)
}

fn names(tl: &Timeline, ev: &Event) -> Vec<String> {
    let mut v: Vec<String> = tl
        .attendees(ev)
        .iter()
        .map(|a| tl.person(a.person).name.to_string())
        .collect();
    v.sort();
    v
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn claims(tl: &Timeline, ev: &Event) -> Vec<(String, String, String)> {
    tl.claims(ev)
        .iter()
        .map(|c| {
            let who = match c.person {
                Some(p) => tl.person(p).name.to_string(),
                None => ev.speaker(c).to_string(),
            };
            (
                who,
                ev.said(c).to_string(),
                tl.source(c.source).id.to_string(),
            )
        })
        .collect()
}

#[test]
fn the_week_in_order() {
    let tl = timeline();
    let ids: Vec<&str> = tl.events.iter().map(|e| e.id()).collect();
    assert_eq!(
        ids,
        [
            "kremlin-putin",
            "miami-thursday",
            // Dated to the day only, the statement is listed first under Friday.
            "state-department-saturday",
            "miami-friday",
            "miami-weekend",
            // Saturday's reporting: Zelensky's call with the delegations in Florida.
            "zelensky-call"
        ]
    );
    assert_eq!(tl.meta.zone, New_York);
}

#[test]
fn people_roles_and_sides() {
    let tl = timeline();
    let check = |id: &str, name: &str, role_has: &str, side: &str| {
        let p = tl.person(tl.person_by_id(id).unwrap_or_else(|| panic!("no {id}")));
        assert_eq!(p.name, name);
        assert!(p.role.contains(role_has), "{name}: {}", p.role);
        assert_eq!(p.party.map(|s| &*tl.party(s).id), Some(side), "{name}");
    };
    check(
        "witkoff",
        "Steve Witkoff",
        "Special envoy of President Trump",
        "us",
    );
    check("kushner", "Jared Kushner", "no formal post", "us");
    check(
        "trump",
        "Donald Trump",
        "President of the United States",
        "us",
    );
    check("putin", "Vladimir Putin", "President of Russia", "ru");
    check("ushakov", "Yuri Ushakov", "aide", "ru");
    check("dmitriev", "Kirill Dmitriev", "envoy", "ru");
    check(
        "umerov",
        "Rustem Umerov",
        "Secretary of Ukraine's National Security and Defence Council",
        "ua",
    );
    check(
        "hnatov",
        "Andrii Hnatov",
        "Chief of the General Staff",
        "ua",
    );
    // Named as Reuters names him; no office the sources give.
    check("zelensky", "Zelensky", "", "ua");
}

#[test]
fn the_kremlin_meeting() {
    let tl = timeline();
    let ev = event(&tl, "kremlin-putin");
    assert_eq!(ev.status, Status::Held);
    assert_eq!(
        tl.place(ev.place.expect("a place")).name.as_ref(),
        "Kremlin, Moscow"
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Jared Kushner",
            "Kirill Dmitriev",
            "Steve Witkoff",
            "Vladimir Putin",
            "Yuri Ushakov"
        ]
    );
    // Tuesday 2 December, about 19:40 Moscow time (16:40 GMT), about five hours.
    let start = describe::start(ev, Moscow);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 2), "~19:40")
    );
    assert_eq!(describe::duration(ev).as_deref(), Some("~5 h"));
    // "concluded early Wednesday" in Moscow; still Tuesday afternoon in Miami.
    let end = describe::end(ev, Moscow).expect("an end");
    assert_eq!(
        (end.date, end.text.as_str()),
        (date(2025, 12, 3), "small hours")
    );
    let end = describe::end(ev, New_York).expect("an end");
    assert_eq!(
        (end.date, end.text.as_str()),
        (date(2025, 12, 2), "afternoon")
    );
    assert!(
        ev.reported()
            .is_some_and(|r| r.contains("concluded early Wednesday"))
    );
    assert!(
        ev.reported()
            .is_some_and(|r| r.contains("intensive and lengthy"))
    );
    let said = claims(&tl, ev);
    assert!(said.iter().any(|(who, text, src)| who == "Yuri Ushakov"
        && text.contains("Tuesday")
        && src == "ushakov-readout"));
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("19:40") && src == "russian-press")
    );
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("five-hour") && src == "axios")
    );
}

#[test]
fn the_thursday_meeting() {
    let tl = timeline();
    let ev = event(&tl, "miami-thursday");
    assert_eq!(
        tl.place(ev.place.expect("a place")).name.as_ref(),
        "Miami, Florida"
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Andrii Hnatov",
            "Jared Kushner",
            "Rustem Umerov",
            "Steve Witkoff"
        ]
    );
    let start = describe::start(ev, New_York);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 4), "evening")
    );
    assert_eq!(describe::duration(ev).as_deref(), Some("~2 h"));
    let umerov = tl.person_by_id("umerov").expect("umerov");
    let role = tl
        .attendees(ev)
        .iter()
        .find(|a| a.person == umerov)
        .and_then(|a| a.role);
    assert_eq!(role.map(|r| tl.role(r)), Some("head of delegation"));
    let said = claims(&tl, ev);
    assert!(said.contains(&(
        "A U.S. official".into(),
        "Called the Thursday session constructive.".into(),
        "report".into()
    )));
    assert!(said.iter().any(|(_, text, _)| text.contains("productive")));
    assert_eq!(tl.relations(ev)[0].kind, RelationKind::Follows);
    assert_eq!(tl.event(tl.relations(ev)[0].target).id(), "kremlin-putin");
}

#[test]
fn the_friday_session() {
    let tl = timeline();
    let ev = event(&tl, "miami-friday");
    let start = describe::start(ev, New_York);
    assert_eq!(
        (start.date, start.text.as_str()),
        (date(2025, 12, 5), "morning")
    );
    assert_eq!(
        names(&tl, ev),
        [
            "Andrii Hnatov",
            "Jared Kushner",
            "Rustem Umerov",
            "Steve Witkoff"
        ]
    );
    let topics: Vec<&str> = tl
        .event_topics(ev)
        .iter()
        .map(|t| &*tl.topic(*t).id)
        .collect();
    for t in [
        "putin-readout",
        "bridging-ideas",
        "security-guarantees",
        "territory",
        "withdrawal",
    ] {
        assert!(topics.contains(&t), "{t} missing from {topics:?}");
    }
    assert!(ev.summary().contains("detailed readout"));
    assert!(ev.summary().contains("new concepts"));
    let rel: Vec<(RelationKind, &str)> = tl
        .relations(ev)
        .iter()
        .map(|r| (r.kind, tl.event(r.target).id()))
        .collect();
    assert_eq!(
        rel,
        [
            (RelationKind::Continues, "miami-thursday"),
            (RelationKind::BriefsOn, "kremlin-putin")
        ]
    );
    let said = claims(&tl, ev);
    assert!(
        said.iter()
            .any(|(who, _, src)| who.contains("officials") && src == "axios")
    );
}

/// The other accounts of `field` of event `id`: (source id, start in Moscow or the
/// phrase as reported).
fn accounts_of(tl: &Timeline, id: &str, field: Field) -> Vec<(String, Option<String>)> {
    let ix = tl.event_by_id(id).expect("the event");
    tl.accounts_of(ix)
        .map(|a| {
            a.of(field)
                .map(|a| {
                    (
                        tl.source(a.source).id.to_string(),
                        a.reported.as_deref().map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn published(tl: &Timeline, source: &str) -> Option<String> {
    let s = tl.sources.iter().find(|s| &*s.id == source)?;
    s.published.map(|p| p.text())
}

#[test]
fn the_kremlin_start_has_three_accounts() {
    let tl = timeline();
    let ix = tl.event_by_id("kremlin-putin").expect("the meeting");
    let acc = tl.accounts_of(ix).expect("accounts");
    let starts: Vec<(String, String, String)> = acc
        .of(Field::Time)
        .map(|a| {
            let Told::Time(t) = &a.told else {
                panic!("a time")
            };
            let mut alt = tl.event(ix).clone();
            alt.time = t.clone();
            let src = tl.source(a.source);
            (
                describe::start(&alt, Moscow).text,
                src.url.as_deref().unwrap_or(&src.name).to_string(),
                published(&tl, &src.id).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        starts,
        [
            (
                "~19:40".to_string(),
                "https://news.mail.ru/politics/68946280/".to_string(),
                "2025-12-03".to_string()
            ),
            (
                "~19:35".to_string(),
                "https://news.mail.ru/politics/68945714/".to_string(),
                "2025-12-03".to_string()
            ),
            // "around 11:30 a.m. ET"
            (
                "~19:30".to_string(),
                "OANN".to_string(),
                "2025-12-02".to_string()
            ),
        ]
    );
    // None ranked: the dataset's own ~19:40 is the preferred start.
    assert!(acc.preferred(Field::Time).is_none());
    assert_eq!(describe::start(tl.event(ix), Moscow).text, "~19:40");
}

#[test]
fn how_thursday_went_as_each_source_tells_it() {
    let tl = timeline();
    let ix = tl.event_by_id("miami-thursday").expect("Thursday");
    let acc = tl.accounts_of(ix).expect("accounts");
    let ev = tl.event(ix);
    // The article's "constructive", Axios's "positive", the White House's "productive".
    let tone = tl
        .claims(ev)
        .iter()
        .position(|c| ev.said(c).contains("constructive"));
    let tone = tone.expect("the article's claim") as u32;
    assert_eq!(acc.claim(tone).and_then(|c| c.id.as_deref()), Some("tone"));
    let worded: Vec<(String, String)> = acc
        .of(Field::Claim)
        .filter_map(|a| match &a.told {
            Told::Claim { claim, .. } if *claim == tone => Some((
                tl.source(a.source).id.to_string(),
                a.reported.as_deref().unwrap_or_default().to_string(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        worded,
        [
            ("xinhua".to_string(), "positive".to_string()),
            (
                "reuters-jpost".to_string(),
                "productive, and progress was made".to_string()
            )
        ]
    );
    // Reuters' second source: a briefing, not a formal negotiation.
    let kind = acc
        .of(Field::Kind)
        .next()
        .expect("another account of its kind");
    assert_eq!(kind.told, Told::Kind(EventKind::Briefing));
    assert_eq!(&*tl.source(kind.source).id, "reuters-jpost");
    assert_eq!(ev.kind, EventKind::Meeting);
    // Expected on Thursday from AP (via UNN and TASS), held once Axios reports it.
    let steps: Vec<(Status, &str, String)> = acc
        .status_history
        .iter()
        .map(|s| {
            let id = &*tl.source(s.source).id;
            (s.status, id, published(&tl, id).unwrap_or_default())
        })
        .collect();
    assert_eq!(
        steps,
        [
            (Status::Expected, "unn", "2025-12-04".to_string()),
            (Status::Expected, "tass", "2025-12-04".to_string()),
            (Status::Held, "axios", "2025-12-05".to_string())
        ]
    );
    assert_eq!(ev.status, Status::Held);
}

#[test]
fn when_the_readout_was_given_is_disputed() {
    let tl = timeline();
    let ix = tl.event_by_id("miami-friday").expect("Friday");
    let ev = tl.event(ix);
    let acc = tl.accounts_of(ix).expect("accounts");
    let readout = tl.topic_by_id("putin-readout").expect("the topic");
    let about: Vec<(String, String, Vec<String>)> = acc
        .claims
        .iter()
        .filter(|c| c.about == Some(About::Topic(readout)))
        .map(|c| {
            let claim = &tl.claims(ev)[c.claim as usize];
            let against = c
                .contradicts
                .iter()
                .filter_map(|&k| acc.claim(k).and_then(|l| l.id.as_deref()))
                .map(str::to_string)
                .collect();
            (
                c.id.as_deref().unwrap_or_default().to_string(),
                tl.source(claim.source).id.to_string(),
                against,
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        about,
        [
            (s("readout-friday"), s("report"), vec![]),
            (
                s("readout-thursday"),
                s("sputnik"),
                vec![s("readout-friday")]
            ),
            (
                s("readout-thursday-reuters"),
                s("reuters-jpost"),
                vec![s("readout-friday")]
            ),
            (s("readout-undated"), s("axios"), vec![]),
        ]
    );
    let undated = tl.claims(ev)[acc.claims[3].claim as usize];
    assert!(ev.said(&undated).contains("by phone on Wednesday"));
    // Sputnik's item was out at 00:21 GMT on Saturday: still Friday evening in Miami.
    assert_eq!(
        published(&tl, "sputnik").as_deref(),
        Some("2025-12-06T00:21Z")
    );
}

#[test]
fn friday_began_in_the_morning_or_later_in_the_day() {
    let tl = timeline();
    let ev = event(&tl, "miami-friday");
    assert_eq!(describe::start(ev, New_York).text, "morning");
    let others = accounts_of(&tl, "miami-friday", Field::Time);
    let sources: Vec<&str> = others.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(sources, ["ukrainska-pravda", "menafn"]);
    for (_, reported) in &others {
        assert!(
            reported
                .as_deref()
                .is_some_and(|r| r.contains("afternoon") && r.contains("evening")),
            "{reported:?}"
        );
    }
    let ix = tl.event_by_id("miami-friday").expect("Friday");
    let acc = tl.accounts_of(ix).expect("accounts");
    for a in acc.of(Field::Time) {
        let Told::Time(t) = &a.told else {
            panic!("a time")
        };
        let mut alt = ev.clone();
        alt.time = t.clone();
        // From noon to ten in the evening in Miami.
        assert_eq!(describe::start(&alt, New_York).text, "12:00–22:00");
    }
}

#[test]
fn kushners_role_in_both_accounts() {
    let tl = timeline();
    for id in ["kremlin-putin", "miami-thursday", "miami-friday"] {
        let roles = accounts_of(&tl, id, Field::Participants);
        let sources: Vec<&str> = roles.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sources, ["report", "ap-infotel"], "{id}");
        assert!(
            roles[0]
                .1
                .as_deref()
                .is_some_and(|r| r.contains("senior advisor"))
        );
        assert!(
            roles[1]
                .1
                .as_deref()
                .is_some_and(|r| r.contains("no formal government post"))
        );
    }
}

#[test]
fn saturdays_reporting_is_in() {
    let tl = timeline();
    let call = event(&tl, "zelensky-call");
    assert_eq!(call.status, Status::Held);
    assert_eq!(describe::start(call, New_York).date, date(2025, 12, 6));
    assert_eq!(
        names(&tl, call),
        [
            "Andrii Hnatov",
            "Jared Kushner",
            "Rustem Umerov",
            "Steve Witkoff",
            "Zelensky"
        ]
    );
    assert!(call.summary().contains("together with them in Florida"));
    assert!(call.summary().contains("Umerov's report in Kyiv"));
    let said = claims(&tl, call);
    assert_eq!(
        said,
        [(
            "Zelensky".to_string(),
            "Called the phone call long and substantive.".to_string(),
            "reuters-zelensky".to_string()
        )]
    );
    assert_eq!(
        published(&tl, "reuters-zelensky").as_deref(),
        Some("2025-12-06")
    );
    // The joint statement of Friday, as Reuters reports it.
    let statement = event(&tl, "state-department-saturday");
    assert!(statement.summary().contains("sixth in two weeks"));
    assert!(statement.summary().contains("de-escalation"));
    assert!(
        statement
            .outcomes()
            .any(|o| o.contains("security arrangements"))
    );
}

#[test]
fn every_source_says_when_it_was_published() {
    let tl = timeline();
    for s in &tl.sources {
        // The facts give no day for AP's piece carried by infotel.ca.
        if &*s.id == "ap-infotel" {
            assert!(s.published.is_none());
            continue;
        }
        let p = s
            .published
            .unwrap_or_else(|| panic!("{} has no date", s.id));
        // Nothing published after Saturday, the dataset's as-of.
        assert!(p.date <= date(2025, 12, 6), "{}", s.id);
    }
}

#[test]
fn the_weekend_is_expected_as_of_the_article() {
    let tl = timeline();
    let ev = event(&tl, "miami-weekend");
    assert_eq!(ev.status, Status::Expected);
    let start = describe::start(ev, New_York);
    assert_eq!(start.date, date(2025, 12, 6));
    assert_eq!(
        describe::end(ev, New_York).map(|e| e.date),
        Some(date(2025, 12, 7))
    );
    // Expected in the article and in the State Department's statement; no source up
    // to Saturday reports it held.
    let ix = tl.event_by_id("miami-weekend").expect("the weekend");
    let steps: Vec<(Status, &str)> = tl
        .accounts_of(ix)
        .expect("a history")
        .status_history
        .iter()
        .map(|s| (s.status, &*tl.source(s.source).id))
        .collect();
    assert_eq!(
        steps,
        [
            (Status::Expected, "report"),
            (Status::Expected, "state-department")
        ]
    );
    let said = claims(&tl, ev);
    assert!(said.iter().any(|(who, text, src)| who == "A U.S. official"
        && text.contains("into the weekend")
        && src == "report"));
    assert!(
        said.iter()
            .any(|(_, text, src)| text.contains("Saturday") && src == "state-department")
    );
    let statement = event(&tl, "state-department-saturday");
    assert_eq!(describe::start(statement, New_York).date, date(2025, 12, 5));
}

#[test]
fn written_as_of_the_end_of_saturday_in_miami() {
    let tl = timeline();
    let as_of = tl.meta.as_of.expect("the dataset declares as_of");
    // Saturday's reporting (Reuters on Zelensky's call) is in; the outlets of Sunday
    // 7 December that carried it too are not.
    assert_eq!(as_of.label(), "Sat 6 Dec 2025");
    let end_of_saturday = New_York
        .with_ymd_and_hms(2025, 12, 7, 0, 0, 0)
        .single()
        .expect("a Miami midnight")
        .timestamp();
    assert_eq!(as_of.instant, end_of_saturday - 1);
    // Every event held began by then; only the weekend is still expected.
    for ev in &tl.events {
        if !ev.status.is_future() {
            assert!(
                ev.time.bounds.start_earliest <= as_of.instant,
                "{}",
                ev.id()
            );
        }
    }
    let expected: Vec<&str> = tl
        .events
        .iter()
        .filter(|e| e.status.is_future())
        .map(|e| e.id())
        .collect();
    assert_eq!(expected, ["miami-weekend"]);
}

#[test]
fn the_statement_is_dated_as_reported() {
    let tl = timeline();
    let ev = event(&tl, "state-department-saturday");
    // "At the end of Friday": a day, not an evening the reporting does not give.
    assert_eq!(ev.time.start.precision, Precision::Day);
    assert_eq!(describe::start(ev, New_York).date, date(2025, 12, 5));
    assert!(ev.reported().is_some_and(|r| r.contains("end of Friday")));
}

#[test]
fn kushner_is_described_as_the_reporting_gives_him() {
    let tl = timeline();
    let kushner = tl.person(tl.person_by_id("kushner").expect("kushner"));
    // The article's "senior adviser" and AP's "no formal post" both kept, with sources.
    assert!(kushner.note.contains("senior adviser"), "{}", kushner.note);
    assert!(kushner.note.contains("AP"), "{}", kushner.note);
    assert!(
        kushner.note.contains("informal adviser"),
        "{}",
        kushner.note
    );
    assert!(
        !kushner.role.starts_with("Senior adviser"),
        "{}",
        kushner.role
    );
}

#[test]
fn who_met_whom() {
    let tl = timeline();
    let witkoff = tl.person_by_id("witkoff").expect("witkoff");
    let met = tl.met(witkoff);
    let count = |id: &str| {
        let p = tl.person_by_id(id).expect("person");
        met.iter().find(|m| m.person == p).map_or(0, |m| m.times)
    };
    // Kushner at every session and on Saturday's call; Umerov and Hnatov in Miami (two
    // held, one expected) and on the call: only what was held counts as met, the
    // weekend is still to come.
    assert_eq!(count("kushner"), 4);
    assert_eq!(count("umerov"), 3);
    assert_eq!(count("zelensky"), 1);
    assert_eq!(count("putin"), 1);
    assert_eq!(count("trump"), 0);
    let to_come = |id: &str| {
        let p = tl.person_by_id(id).expect("person");
        met.iter().find(|m| m.person == p).map_or(0, |m| m.to_come)
    };
    assert_eq!((to_come("kushner"), to_come("umerov")), (1, 1));
    assert_eq!(to_come("putin"), 0);
    let umerov = tl.person_by_id("umerov").expect("umerov");
    let events: Vec<&str> = tl
        .events_of(umerov)
        .map(|e: EventIx| tl.event(e).id())
        .collect();
    // Umerov also made Friday's joint statement with the State Department.
    assert_eq!(
        events,
        [
            "miami-thursday",
            "state-department-saturday",
            "miami-friday",
            "miami-weekend",
            "zelensky-call"
        ]
    );
}

#[test]
fn every_claim_and_event_names_a_source() {
    let tl = timeline();
    for ev in &tl.events {
        assert!(!ev.sources.is_empty(), "{} has no source", ev.id());
        for c in tl.claims(ev).iter() {
            assert!(
                tl.event_sources(ev).contains(&c.source),
                "{}: claim source not among the event's",
                ev.id()
            );
        }
    }
}

#[test]
fn what_was_known_when_of_the_statuses() {
    let tl = timeline();
    let at = |d: u32, h: u32| {
        New_York
            .with_ymd_and_hms(2025, 12, d, h, 0, 0)
            .single()
            .expect("a Miami time")
            .timestamp()
    };
    let known = |id: &str, moment: i64| {
        let ix = tl.event_by_id(id).expect("the event");
        tl.accounts_of(ix)
            .and_then(|a| a.status_known(|s| tl.counts_by(s, moment)))
    };
    // Wednesday: nothing reported yet of Thursday's meeting.
    assert_eq!(known("miami-thursday", at(3, 12)), None);
    // Thursday morning: AP's announcement, via UNN and TASS.
    assert_eq!(known("miami-thursday", at(4, 9)), Some(Status::Expected));
    // Friday: Axios reports it held.
    assert_eq!(known("miami-thursday", at(5, 9)), Some(Status::Held));
    // The weekend stays expected through Saturday's reporting.
    assert_eq!(known("miami-weekend", at(6, 20)), Some(Status::Expected));
    // Sputnik's 00:21 GMT item counts from Friday 19:21 in Miami, not before.
    let sputnik = tl
        .sources
        .iter()
        .position(|s| &*s.id == "sputnik")
        .map(|k| parley::model::timeline::SourceIx::new(k as u32))
        .expect("sputnik");
    assert!(!tl.counts_by(sputnik, at(5, 19)));
    assert!(tl.counts_by(sputnik, at(5, 20)));
}
