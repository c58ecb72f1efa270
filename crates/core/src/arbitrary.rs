//! proptest strategies for the model (feature `proptest`, and in this crate's tests).
//!
//! [`plan()`] generates plans that are internally consistent the way readers produce them:
//! entity keys are unique within the plan, and every reference (listing, assignment, record,
//! rating, division → department, group → parent, indicator → group) names an entity of the
//! plan. Everything else is arbitrary: Japanese and ASCII text, `None` and empty lists, any
//! finite `f64` (including huge, tiny and negative values), any `i64` amount, unsorted fiscal
//! years, duplicate observations.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::fiscal::{DocDate, FiscalYear};
use crate::model::*;
use crate::rating::{Grade, RatingScheme, RatioBand, SelfAssessedLevel};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use std::collections::HashSet;

/// Short text, mostly Japanese, sometimes empty.
pub fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 あ-んア-ン一-龠（）「」・、。%\\-\n]{0,10}"
}

/// A key-like text from a small alphabet, so that keys collide often.
fn key_text() -> impl Strategy<Value = String> {
    "[a-c1-3あ]{1,2}"
}

/// Any finite `f64`, biased towards plain values.
pub fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1.0e6..1.0e6f64,
        Just(0.0),
        Just(0.1 + 0.2),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
    ]
}

pub fn fiscal_year() -> impl Strategy<Value = FiscalYear> {
    prop_oneof![4 => (2015i32..2030).prop_map(FiscalYear), 1 => any::<i32>().prop_map(FiscalYear)]
}

/// A valid calendar date, with or without a day.
pub fn doc_date() -> impl Strategy<Value = DocDate> {
    (1868i32..2200, 1u8..=12, of(1u8..=28)).prop_map(|(year, month, day)| DocDate {
        year,
        month,
        day,
    })
}

pub fn stated_date() -> impl Strategy<Value = StatedDate> {
    (doc_date(), text(), location()).prop_map(|(date, original, location)| StatedDate {
        date,
        original,
        location,
    })
}

pub fn reporting_period() -> impl Strategy<Value = ReportingPeriod> {
    (doc_date(), doc_date(), text(), location()).prop_map(|(start, end, original, location)| {
        ReportingPeriod {
            start,
            end,
            original,
            location,
        }
    })
}

pub fn location() -> impl Strategy<Value = Location> {
    ("[ab]\\.(csv|txt)", 0u32..5, of(text())).prop_map(|(file, line, field)| Location {
        file,
        line,
        field,
    })
}

fn any_location() -> impl Strategy<Value = Location> {
    prop_oneof![
        location(),
        (text(), any::<u32>(), of(text())).prop_map(|(file, line, field)| Location {
            file,
            line,
            field
        })
    ]
}

fn rename() -> impl Strategy<Value = Rename> {
    (fiscal_year(), text(), text()).prop_map(|(from, name, original)| Rename {
        from,
        name,
        original,
    })
}

fn grade() -> impl Strategy<Value = Grade> {
    "[SABCD*−]{0,2}".prop_map(Grade)
}

pub fn rating_scheme() -> impl Strategy<Value = RatingScheme> {
    prop_oneof![
        (
            vec(
                (grade(), finite_f64(), any::<bool>()).prop_map(
                    |(grade, min_percent, inclusive)| {
                        RatioBand {
                            grade,
                            min_percent,
                            inclusive,
                        }
                    }
                ),
                0..4
            ),
            grade(),
            of(text())
        )
            .prop_map(|(bands, below, stated)| RatingScheme::RatioBands {
                bands,
                below,
                stated
            }),
        (grade(), grade(), grade(), grade(), grade(), finite_f64()).prop_map(
            |(reached, improved, unchanged, worse, not_evaluable, tolerance_percent)| {
                RatingScheme::AgainstBaseline {
                    reached,
                    improved,
                    unchanged,
                    worse,
                    not_evaluable,
                    tolerance_percent,
                }
            }
        ),
        (grade(), grade(), grade(), finite_f64()).prop_map(
            |(on_track, behind, worse, tolerance_points)| RatingScheme::Trend {
                on_track,
                behind,
                worse,
                tolerance_points
            }
        ),
        vec(
            (grade(), text(), of(finite_f64())).prop_map(|(grade, label, points)| {
                SelfAssessedLevel {
                    grade,
                    label,
                    points,
                }
            }),
            0..4
        )
        .prop_map(|levels| RatingScheme::SelfAssessed { levels }),
    ]
}

fn plan_kind() -> impl Strategy<Value = PlanKind> {
    prop_oneof![
        Just(PlanKind::SuicidePrevention),
        Just(PlanKind::CommunityWelfare),
        Just(PlanKind::GuardianshipPromotion),
        Just(PlanKind::RecidivismPrevention),
        text().prop_map(PlanKind::Other),
    ]
}

fn group_kind() -> impl Strategy<Value = GroupKind> {
    prop_oneof![
        Just(GroupKind::BasicGoal),
        Just(GroupKind::BasicPolicy),
        Just(GroupKind::PriorityPolicy),
        Just(GroupKind::Policy),
        Just(GroupKind::Item),
        Just(GroupKind::Other),
    ]
}

fn status_meaning() -> impl Strategy<Value = StatusMeaning> {
    prop_oneof![
        Just(StatusMeaning::Done),
        Just(StatusMeaning::Partial),
        Just(StatusMeaning::Preparing),
        Just(StatusMeaning::NotDone),
        Just(StatusMeaning::Other),
    ]
}

fn direction_meaning() -> impl Strategy<Value = DirectionMeaning> {
    prop_oneof![
        Just(DirectionMeaning::Continue),
        Just(DirectionMeaning::Expand),
        Just(DirectionMeaning::Improve),
        Just(DirectionMeaning::Integrate),
        Just(DirectionMeaning::Reduce),
        Just(DirectionMeaning::Suspend),
        Just(DirectionMeaning::Abolish),
        Just(DirectionMeaning::Complete),
        Just(DirectionMeaning::Other),
    ]
}

fn polarity() -> impl Strategy<Value = Polarity> {
    prop_oneof![
        Just(Polarity::HigherIsBetter),
        Just(Polarity::LowerIsBetter),
        Just(Polarity::Unknown),
    ]
}

pub fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        finite_f64().prop_map(Value::Number),
        text().prop_map(Value::Text),
        Just(Value::NotYetAvailable),
        Just(Value::Blank),
    ]
}

fn observation() -> impl Strategy<Value = Observation> {
    (of(fiscal_year()), value(), text(), location()).prop_map(
        |(fiscal_year, value, original, location)| Observation {
            fiscal_year,
            value,
            original,
            location,
        },
    )
}

fn achievement_value() -> impl Strategy<Value = AchievementValue> {
    let leaf = prop_oneof![
        Just(AchievementValue::Blank),
        any::<i32>().prop_map(AchievementValue::Percent),
        text().prop_map(AchievementValue::Category),
        Just(AchievementValue::Unparsed),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        vec(
            (text(), of(key_text().prop_map(DivisionKey)), inner).prop_map(
                |(division_name, division, value)| DivisionAchievement {
                    division_name,
                    division,
                    value,
                },
            ),
            0..3,
        )
        .prop_map(AchievementValue::PerDivision)
    })
}

fn cost_sharing() -> impl Strategy<Value = CostSharing> {
    prop_oneof![
        Just(CostSharing::Own),
        vec(key_text().prop_map(MeasureKey), 0..3)
            .prop_map(|measures| CostSharing::SharedTotal { measures }),
        key_text().prop_map(|k| CostSharing::DuplicateOf {
            measure: MeasureKey(k)
        }),
    ]
}

fn cost_item() -> impl Strategy<Value = CostItem> {
    (
        of(text()),
        of(any::<i64>()),
        of(text()),
        cost_sharing(),
        text(),
    )
        .prop_map(|(label, amount_yen, note, sharing, original)| CostItem {
            label,
            amount_yen,
            note,
            sharing,
            original,
        })
}

fn output() -> impl Strategy<Value = Output> {
    (text(), finite_f64(), of(text()), text()).prop_map(|(label, value, unit, original)| Output {
        label,
        value,
        unit,
        original,
    })
}

/// The parts of a record that do not reference other entities.
#[derive(Debug, Clone)]
struct RecordBody {
    texts: [Option<String>; 4],
    status: Option<Status>,
    achievement: Option<Achievement>,
    costs: Vec<CostItem>,
    cost_original: Option<String>,
    outputs: Vec<Output>,
    direction: Option<Direction>,
    grade: Option<Grade>,
    extra: Vec<ExtraField>,
    location: Location,
}

fn record_body() -> impl Strategy<Value = RecordBody> {
    (
        [of(text()), of(text()), of(text()), of(text())],
        of(
            (of(text()), text(), text()).prop_map(|(code, label, original)| Status {
                code,
                label,
                original,
            }),
        ),
        of((achievement_value(), text())
            .prop_map(|(value, original)| Achievement { value, original })),
        vec(cost_item(), 0..3),
        of(text()),
        vec(output(), 0..3),
        of((text(), text()).prop_map(|(label, original)| Direction { label, original })),
        of(grade()),
        vec(
            (text(), text()).prop_map(|(label, text)| ExtraField::column(label, text)),
            0..2,
        ),
        any_location(),
    )
        .prop_map(
            |(
                texts,
                status,
                achievement,
                costs,
                cost_original,
                outputs,
                direction,
                grade,
                extra,
                location,
            )| {
                RecordBody {
                    texts,
                    status,
                    achievement,
                    costs,
                    cost_original,
                    outputs,
                    direction,
                    grade,
                    extra,
                    location,
                }
            },
        )
}

/// Picks the `i`-th of `n` (modulo), or `None` when there is nothing to pick.
fn pick(i: usize, n: usize) -> Option<usize> {
    i.checked_rem(n)
}

fn unique_by<T, K: std::hash::Hash + Eq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|i| seen.insert(key(i))).collect()
}

#[derive(Debug, Clone)]
struct Scalars {
    municipality: Municipality,
    title: String,
    kind: PlanKind,
    period: Option<Period>,
    philosophy: Option<String>,
    fiscal_years: Vec<FiscalYear>,
    status_scale: StatusScale,
    direction_vocabulary: DirectionVocabulary,
    rating_scheme: Option<RatingScheme>,
}

fn scalars() -> impl Strategy<Value = Scalars> {
    (
        ("[川口熊谷小樽清瀬]{1,3}市", of("[0-9]{6}")),
        text(),
        plan_kind(),
        of((fiscal_year(), fiscal_year()).prop_map(|(first, last)| Period { first, last })),
        of(text()),
        vec(fiscal_year(), 0..4),
        vec(
            (of(text()), text(), status_meaning()).prop_map(|(code, label, meaning)| StatusLevel {
                code,
                label,
                meaning,
            }),
            0..4,
        ),
        vec(
            (text(), direction_meaning())
                .prop_map(|(label, meaning)| DirectionTerm { label, meaning }),
            0..4,
        ),
        of(rating_scheme()),
    )
        .prop_map(
            |(
                (name, code),
                title,
                kind,
                period,
                philosophy,
                fiscal_years,
                levels,
                terms,
                rating_scheme,
            )| Scalars {
                municipality: Municipality { name, code },
                title,
                kind,
                period,
                philosophy,
                fiscal_years,
                status_scale: StatusScale { levels },
                direction_vocabulary: DirectionVocabulary { terms },
                rating_scheme,
            },
        )
}

type RawDivision = (String, String, Option<usize>, bool, Vec<Rename>);
type RawGroup = (
    String,
    GroupKind,
    String,
    Option<String>,
    String,
    Option<usize>,
    Location,
);
type RawMeasure = (
    String,
    Option<String>,
    String,
    [Option<String>; 3],
    Location,
);

#[derive(Debug, Clone)]
struct Entities {
    departments: Vec<Department>,
    divisions: Vec<RawDivision>,
    groups: Vec<RawGroup>,
    measures: Vec<RawMeasure>,
}

fn entities() -> impl Strategy<Value = Entities> {
    (
        vec(
            (key_text(), text(), vec(rename(), 0..3)).prop_map(|(key, name, renames)| Department {
                key: DepartmentKey(key),
                name,
                renames,
            }),
            0..4,
        ),
        vec(
            (
                key_text(),
                text(),
                of(any::<usize>()),
                any::<bool>(),
                vec(rename(), 0..2),
            ),
            0..5,
        ),
        vec(
            (
                key_text(),
                group_kind(),
                text(),
                of(text()),
                text(),
                of(any::<usize>()),
                location(),
            ),
            0..5,
        ),
        vec(
            (
                key_text(),
                of(text()),
                text(),
                [of(text()), of(text()), of(text())],
                any_location(),
            ),
            0..8,
        ),
    )
        .prop_map(|(departments, divisions, groups, measures)| Entities {
            departments: unique_by(departments, |d| d.key.clone()),
            divisions: unique_by(divisions, |d| d.0.clone()),
            groups: unique_by(groups, |g| g.0.clone()),
            measures: unique_by(measures, |m| m.0.clone()),
        })
}

type RawIndicator = (
    String,
    String,
    Option<usize>,
    Option<String>,
    Polarity,
    Option<Observation>,
    Vec<Observation>,
    Vec<Observation>,
    Vec<(FiscalYear, Grade, Location)>,
    Vec<(FiscalYear, String, Location)>,
    Location,
);

#[derive(Debug, Clone)]
struct Links {
    listings: Vec<(usize, usize, bool, Location)>,
    assignments: Vec<(usize, usize, Location)>,
    records: Vec<(usize, Option<usize>, FiscalYear, RecordBody)>,
    indicators: Vec<RawIndicator>,
    ratings: Vec<(usize, FiscalYear, Grade, Option<String>, Location)>,
    outlooks: Vec<(Option<usize>, FiscalYear, String, Location)>,
    narratives: Vec<Narrative>,
    sources: Vec<SourceDocument>,
}

fn links() -> impl Strategy<Value = Links> {
    (
        vec(
            (any::<usize>(), any::<usize>(), any::<bool>(), location()),
            0..6,
        ),
        vec((any::<usize>(), any::<usize>(), location()), 0..6),
        vec(
            (
                any::<usize>(),
                of(any::<usize>()),
                fiscal_year(),
                record_body(),
            ),
            0..8,
        ),
        vec(
            (
                key_text(),
                text(),
                of(any::<usize>()),
                of(text()),
                polarity(),
                of(observation()),
                vec(observation(), 0..3),
                vec(observation(), 0..3),
                vec((fiscal_year(), grade(), location()), 0..3),
                vec((fiscal_year(), text(), location()), 0..2),
                location(),
            ),
            0..3,
        ),
        vec(
            (
                any::<usize>(),
                fiscal_year(),
                grade(),
                of(text()),
                location(),
            ),
            0..3,
        ),
        vec(
            (of(any::<usize>()), fiscal_year(), text(), location()),
            0..3,
        ),
        vec(
            (text(), text(), location()).prop_map(|(title, text, location)| Narrative {
                title,
                text,
                location,
            }),
            0..3,
        ),
        vec(
            (
                text(),
                text(),
                "[a-z_]{1,8}",
                "[0-9a-f]{4}",
                of(stated_date()),
                of(reporting_period()),
                of(stated_date()),
            )
                .prop_map(
                    |(file, title, layout, sha256, cover_date, reporting_period, issue_date)| {
                        SourceDocument {
                            cover_date,
                            reporting_period,
                            issue_date,
                            ..SourceDocument::new(file, title, layout, sha256)
                        }
                    },
                ),
            0..3,
        ),
    )
        .prop_map(
            |(
                listings,
                assignments,
                records,
                indicators,
                ratings,
                outlooks,
                narratives,
                sources,
            )| {
                Links {
                    listings,
                    assignments,
                    records,
                    indicators: unique_by(indicators, |i| i.0.clone()),
                    ratings,
                    outlooks,
                    narratives,
                    sources: unique_by(sources, |s| s.sha256.clone()),
                }
            },
        )
}

/// A consistent plan (see the module documentation).
pub fn plan() -> impl Strategy<Value = Plan> {
    (scalars(), entities(), links()).prop_map(|(s, e, l)| build(s, e, l))
}

fn build(s: Scalars, e: Entities, l: Links) -> Plan {
    let departments = e.departments;
    let divisions: Vec<Division> = e
        .divisions
        .into_iter()
        .map(|(key, name, dep, external, renames)| Division {
            key: DivisionKey(key),
            name,
            department: dep
                .and_then(|i| pick(i, departments.len()))
                .and_then(|i| departments.get(i))
                .map(|d| d.key.clone()),
            external,
            renames,
        })
        .collect();
    let group_keys: Vec<GroupKey> = e.groups.iter().map(|g| GroupKey(g.0.clone())).collect();
    let group_at = |i: usize| {
        pick(i, group_keys.len())
            .and_then(|i| group_keys.get(i))
            .cloned()
    };
    let groups: Vec<Group> = e
        .groups
        .into_iter()
        .map(
            |(key, kind, label, number, title, parent, location)| Group {
                key: GroupKey(key),
                kind,
                label,
                number,
                title,
                parent: parent.and_then(group_at),
                location,
            },
        )
        .collect();
    let measures: Vec<Measure> = e
        .measures
        .into_iter()
        .map(
            |(key, number, name, [description, audience, plan_page], location)| Measure {
                key: MeasureKey(key),
                number,
                name,
                description,
                audience,
                plan_page,
                location,
            },
        )
        .collect();
    let measure_at = |i: usize| {
        pick(i, measures.len())
            .and_then(|i| measures.get(i))
            .map(|m| m.key.clone())
    };
    let division_at = |i: usize| {
        pick(i, divisions.len())
            .and_then(|i| divisions.get(i))
            .map(|d| d.key.clone())
    };
    let listings = unique_by(
        l.listings
            .into_iter()
            .filter_map(|(m, g, relisted, location)| {
                Some(Listing {
                    measure: measure_at(m)?,
                    group: group_at(g)?,
                    relisted,
                    location,
                })
            })
            .collect(),
        |x: &Listing| (x.measure.clone(), x.group.clone()),
    );
    let assignments = unique_by(
        l.assignments
            .into_iter()
            .filter_map(|(m, d, location)| {
                Some(Assignment {
                    measure: measure_at(m)?,
                    division: division_at(d)?,
                    location,
                })
            })
            .collect(),
        |x: &Assignment| (x.measure.clone(), x.division.clone()),
    );
    let records = unique_by(
        l.records
            .into_iter()
            .filter_map(|(m, d, fiscal_year, body)| {
                let division = match d {
                    Some(d) => Some(division_at(d)?),
                    None => None,
                };
                let [plan_text, result_text, evaluation_text, effect_text] = body.texts;
                Some(ProgressRecord {
                    measure: measure_at(m)?,
                    division,
                    fiscal_year,
                    plan_text,
                    result_text,
                    evaluation_text,
                    effect_text,
                    status: body.status,
                    achievement: body.achievement,
                    costs: body.costs,
                    cost_original: body.cost_original,
                    cost_breakdown: None,
                    outputs: body.outputs,
                    direction: body.direction,
                    grade: body.grade,
                    extra: body.extra,
                    next_plan_text: None,
                    review: None,
                    location: body.location,
                })
            })
            .collect(),
        |r: &ProgressRecord| (r.measure.clone(), r.division.clone(), r.fiscal_year),
    );
    let indicators = l
        .indicators
        .into_iter()
        .map(
            |(
                key,
                name,
                group,
                unit,
                polarity,
                baseline,
                targets,
                actuals,
                grades,
                activities,
                location,
            )| Indicator {
                key: IndicatorKey(key),
                name,
                group: group.and_then(group_at),
                measure: None,
                kind: None,
                unit,
                polarity,
                baseline,
                targets,
                actuals,
                reported_grades: grades
                    .into_iter()
                    .map(|(fiscal_year, grade, location)| ReportedGrade {
                        fiscal_year,
                        grade,
                        location,
                    })
                    .collect(),
                activities: activities
                    .into_iter()
                    .map(|(fiscal_year, text, location)| YearText {
                        fiscal_year,
                        text,
                        location,
                    })
                    .collect(),
                location,
            },
        )
        .collect();
    let ratings = l
        .ratings
        .into_iter()
        .filter_map(|(g, fiscal_year, grade, reason, location)| {
            Some(Rating {
                group: group_at(g)?,
                fiscal_year,
                grade,
                reason,
                location,
            })
        })
        .collect();
    let outlooks = l
        .outlooks
        .into_iter()
        .map(|(g, fiscal_year, text, location)| Outlook {
            group: g.and_then(group_at),
            fiscal_year,
            text,
            location,
        })
        .collect();
    Plan {
        municipality: s.municipality,
        title: s.title,
        kind: s.kind,
        period: s.period,
        philosophy: s.philosophy,
        fiscal_years: s.fiscal_years,
        status_scale: s.status_scale,
        direction_vocabulary: s.direction_vocabulary,
        rating_scheme: s.rating_scheme,
        departments,
        divisions,
        groups,
        measures,
        listings,
        assignments,
        records,
        indicators,
        ratings,
        outlooks,
        narratives: l.narratives,
        sources: l.sources,
        retirements: Vec::new(),
        cycles: Vec::new(),
        package: None,
    }
}
