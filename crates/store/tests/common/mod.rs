//! Hand-built plans for the store tests.
#![allow(dead_code)]

use shinchoku_core::rating::{RatioBand, SelfAssessedLevel};
use shinchoku_core::*;

pub fn loc(line: u32) -> Location {
    Location::new("kawaguchi.csv", line)
}

/// A plan that sets every field of the model at least once.
pub fn full_plan() -> Plan {
    let mut p = Plan::new(
        "川口市",
        "川口市自殺対策推進計画",
        PlanKind::SuicidePrevention,
    );
    p.municipality.code = Some("112038".into());
    p.period = Some(Period {
        first: FiscalYear(2019),
        last: FiscalYear(2023),
    });
    p.philosophy = Some("誰も自殺に追い込まれることのない川口".into());
    p.status_scale = StatusScale::a_to_o();
    p.direction_vocabulary = DirectionVocabulary::standard();
    p.rating_scheme = Some(RatingScheme::RatioBands {
        bands: vec![
            RatioBand {
                grade: Grade::new("S"),
                min_percent: 120.0,
                inclusive: false,
            },
            RatioBand {
                grade: Grade::new("A"),
                min_percent: 0.1 + 0.2,
                inclusive: true,
            },
        ],
        below: Grade::new("D"),
        stated: Some("S: 120%超".into()),
    });
    p.departments = vec![Department {
        key: DepartmentKey::new("企画部"),
        name: "企画部".into(),
        renames: vec![Rename {
            from: FiscalYear(2022),
            name: "地域振興部".into(),
            original: "企画部(令和4年度～地域振興部)".into(),
        }],
    }];
    p.divisions = vec![
        Division {
            key: DivisionKey::new("健康推進課"),
            name: "健康推進課".into(),
            department: Some(DepartmentKey::new("企画部")),
            external: false,
            renames: vec![Rename {
                from: FiscalYear(2023),
                name: "保健課".into(),
                original: "健康推進課→保健課".into(),
            }],
        },
        Division {
            key: DivisionKey::new("医師会"),
            name: "医師会".into(),
            department: None,
            external: true,
            renames: vec![],
        },
    ];
    p.groups = vec![
        // A child before its parent: the store must not depend on document order.
        Group {
            key: GroupKey::new("1-1"),
            kind: GroupKind::Policy,
            label: "施策".into(),
            number: Some("1-1".into()),
            title: "相談体制".into(),
            parent: Some(GroupKey::new("1")),
            location: loc(3).with_field("施策"),
        },
        Group {
            key: GroupKey::new("1"),
            kind: GroupKind::BasicGoal,
            label: "基本目標".into(),
            number: None,
            title: "ネットワークの強化".into(),
            parent: None,
            location: loc(2),
        },
    ];
    p.measures = vec![
        Measure {
            key: MeasureKey::new("71"),
            number: Some("No.71".into()),
            name: "こころの相談".into(),
            description: Some("精神保健福祉士による相談".into()),
            audience: Some("市民".into()),
            plan_page: Some("P.21".into()),
            location: loc(10),
        },
        Measure {
            key: MeasureKey::new("72"),
            number: None,
            name: "ゲートキーパー研修".into(),
            description: None,
            audience: None,
            plan_page: None,
            location: loc(11),
        },
    ];
    p.listings = vec![
        Listing {
            measure: MeasureKey::new("71"),
            group: GroupKey::new("1-1"),
            relisted: false,
            location: loc(10),
        },
        Listing {
            measure: MeasureKey::new("71"),
            group: GroupKey::new("1"),
            relisted: true,
            location: loc(40),
        },
    ];
    p.assignments = vec![
        Assignment {
            measure: MeasureKey::new("71"),
            division: DivisionKey::new("健康推進課"),
            location: loc(10),
        },
        Assignment {
            measure: MeasureKey::new("72"),
            division: DivisionKey::new("医師会"),
            location: loc(11),
        },
    ];
    let mut r = ProgressRecord::new(
        MeasureKey::new("71"),
        Some(DivisionKey::new("健康推進課")),
        FiscalYear(2022),
        loc(10).with_field("実績"),
    );
    r.plan_text = Some("月2回実施".into());
    r.result_text = Some("24回実施".into());
    r.evaluation_text = Some("".into());
    r.effect_text = Some("相談につながった".into());
    r.status = Some(Status {
        code: Some("ア".into()),
        label: "実施済".into(),
        original: "ア".into(),
    });
    r.achievement = Some(Achievement {
        value: AchievementValue::PerDivision(vec![
            DivisionAchievement {
                division_name: "健康推進課".into(),
                division: Some(DivisionKey::new("健康推進課")),
                value: AchievementValue::Percent(100),
            },
            DivisionAchievement {
                division_name: "企画課".into(),
                division: None,
                value: AchievementValue::Category("実施".into()),
            },
        ]),
        original: "(健康推進課) 100% (企画課) 実施".into(),
    });
    r.costs = vec![
        CostItem {
            label: Some("報償金".into()),
            amount_yen: Some(40_000),
            note: Some("総額".into()),
            sharing: CostSharing::SharedTotal {
                measures: vec![MeasureKey::new("71"), MeasureKey::new("72")],
            },
            original: "40,000円 (No.71、72の総額)".into(),
        },
        CostItem {
            label: None,
            amount_yen: None,
            note: None,
            sharing: CostSharing::DuplicateOf {
                measure: MeasureKey::new("72"),
            },
            original: "—".into(),
        },
        CostItem {
            label: None,
            amount_yen: Some(i64::MIN),
            note: None,
            sharing: CostSharing::Own,
            original: String::new(),
        },
    ];
    r.cost_original = Some("40,000円 (No.71、72の総額)\n—".into());
    r.outputs = vec![
        Output {
            label: "相談件数".into(),
            value: 416.0,
            unit: Some("件".into()),
            original: "相談件数 416件".into(),
        },
        Output {
            label: "極端".into(),
            value: 1e300,
            unit: None,
            original: String::new(),
        },
        Output {
            label: "小".into(),
            value: 5e-324,
            unit: None,
            original: String::new(),
        },
    ];
    r.direction = Some(Direction {
        label: "継続".into(),
        original: "継続".into(),
    });
    r.extra = vec![ExtraField::column("備考", "特になし")];
    let mut joint = ProgressRecord::new(MeasureKey::new("72"), None, FiscalYear(2022), loc(11));
    joint.achievement = Some(Achievement {
        value: AchievementValue::Blank,
        original: String::new(),
    });
    p.records = vec![r, joint];
    let obs = |year: Option<i32>, value: Value, line: u32| Observation {
        fiscal_year: year.map(FiscalYear),
        value,
        original: "原文".into(),
        location: loc(line),
    };
    p.indicators = vec![Indicator {
        key: IndicatorKey::new("自殺死亡率"),
        name: "自殺死亡率（人口10万対）".into(),
        group: Some(GroupKey::new("1")),
        measure: None,
        kind: None,
        unit: Some("人".into()),
        polarity: Polarity::LowerIsBetter,
        baseline: Some(obs(Some(2017), Value::Number(15.3), 50)),
        targets: vec![
            obs(Some(2022), Value::Number(13.0), 51),
            obs(Some(2023), Value::Text("前年度より減少".into()), 51),
            obs(None, Value::Blank, 51),
        ],
        actuals: vec![
            obs(Some(2022), Value::Number(-0.1), 52),
            obs(Some(2023), Value::NotYetAvailable, 52),
            obs(Some(2022), Value::Number(f64::MAX), 90),
        ],
        reported_grades: vec![ReportedGrade {
            fiscal_year: FiscalYear(2022),
            grade: Grade::new("B*"),
            location: loc(53),
        }],
        activities: vec![YearText {
            fiscal_year: FiscalYear(2022),
            text: "啓発活動".into(),
            location: loc(54),
        }],
        location: loc(50),
    }];
    p.ratings = vec![Rating {
        group: GroupKey::new("1"),
        fiscal_year: FiscalYear(2022),
        grade: Grade::new("A"),
        reason: Some("目標を達成した".into()),
        location: loc(60),
    }];
    p.outlooks = vec![
        Outlook {
            group: Some(GroupKey::new("1-1")),
            fiscal_year: FiscalYear(2023),
            text: "相談窓口の周知".into(),
            location: loc(61),
        },
        Outlook {
            group: None,
            fiscal_year: FiscalYear(2023),
            text: "計画全体".into(),
            location: loc(62),
        },
    ];
    p.narratives = vec![Narrative {
        title: "計画の目的".into(),
        text: "本計画は…\n二行目".into(),
        location: loc(1),
    }];
    p.sources = vec![SourceDocument {
        cover_date: Some(StatedDate {
            date: DocDate {
                year: 2025,
                month: 3,
                day: None,
            },
            original: "令和 7 年 3 月".into(),
            location: loc(7),
        }),
        reporting_period: Some(ReportingPeriod {
            start: DocDate {
                year: 2024,
                month: 4,
                day: Some(1),
            },
            end: DocDate {
                year: 2025,
                month: 3,
                day: Some(31),
            },
            original: "令和6年度（令和6年4月1日～令和7年3月31日）".into(),
            location: loc(22),
        }),
        issue_date: Some(StatedDate {
            date: DocDate {
                year: 2025,
                month: 11,
                day: None,
            },
            original: "令和 7 年 11 月".into(),
            location: loc(921).with_field("発行日"),
        }),
        ..SourceDocument::new(
            "kawaguchi.csv",
            "川口市自殺対策推進計画掲載事業",
            "kawaguchi_list",
            "ab".repeat(32),
        )
    }];
    p.refresh_fiscal_years();
    p
}

/// A second plan (another municipality) with the given self-assessed scheme.
pub fn other_plan() -> Plan {
    let mut p = Plan::new(
        "熊谷市",
        "熊谷市自殺対策計画",
        PlanKind::Other("いのち支える計画".into()),
    );
    p.rating_scheme = Some(RatingScheme::SelfAssessed {
        levels: vec![SelfAssessedLevel {
            grade: Grade::new("A"),
            label: "順調".into(),
            points: Some(4.0),
        }],
    });
    p
}

/// A plan of `measures` measures × `years` years with one division each.
pub fn big_plan(measures: usize, years: i32) -> Plan {
    let mut p = Plan::new("清瀬市", "清瀬市自殺対策計画", PlanKind::SuicidePrevention);
    p.divisions = vec![Division {
        key: DivisionKey::new("健康推進課"),
        name: "健康推進課".into(),
        department: None,
        external: false,
        renames: vec![],
    }];
    for i in 0..measures {
        let key = MeasureKey::new(format!("{i}"));
        p.measures.push(Measure {
            key: key.clone(),
            number: Some(format!("No.{i}")),
            name: format!("事業{i}"),
            description: Some("概要".repeat(20)),
            audience: None,
            plan_page: None,
            location: loc(i as u32),
        });
        p.assignments.push(Assignment {
            measure: key.clone(),
            division: DivisionKey::new("健康推進課"),
            location: loc(i as u32),
        });
        for y in 0..years {
            let mut r = ProgressRecord::new(
                key.clone(),
                Some(DivisionKey::new("健康推進課")),
                FiscalYear(2019 + y),
                loc(i as u32),
            );
            r.result_text = Some("実施した".repeat(10));
            r.achievement = Some(Achievement {
                value: AchievementValue::Percent(80),
                original: "80%".into(),
            });
            r.costs = vec![CostItem {
                label: None,
                amount_yen: Some(1000),
                note: None,
                sharing: CostSharing::Own,
                original: "1,000円".into(),
            }];
            p.records.push(r);
        }
    }
    p.refresh_fiscal_years();
    p
}

/// A fresh database for one test, on one engine.
pub struct TestDb {
    /// A SQLite file path or a PostgreSQL URL: what `--db` takes.
    pub location: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        TestDb {
            location: dir.path().join("test.db").display().to_string(),
            _dir: Some(dir),
        }
    }

    /// A new PostgreSQL database on the server of `SHINCHOKU_TEST_PG`; `None` (the test is
    /// skipped, with a note) when it is not set, unless `SHINCHOKU_REQUIRE_PG` is.
    pub async fn postgres() -> Option<TestDb> {
        match shinchoku_store::testing::postgres_database().await.unwrap() {
            Some(url) => Some(TestDb {
                location: url,
                _dir: None,
            }),
            None => {
                assert!(
                    std::env::var_os(shinchoku_store::testing::REQUIRE_PG).is_none(),
                    "SHINCHOKU_REQUIRE_PG is set but SHINCHOKU_TEST_PG is not"
                );
                eprintln!("skipped: SHINCHOKU_TEST_PG is not set (scripts/with-postgres.sh)");
                None
            }
        }
    }

    /// Another fresh database on the same engine.
    pub async fn another(&self) -> TestDb {
        if self.is_postgres() {
            match TestDb::postgres().await {
                Some(db) => db,
                None => unreachable!("a PostgreSQL test runs only with SHINCHOKU_TEST_PG"),
            }
        } else {
            TestDb::sqlite()
        }
    }

    pub fn is_postgres(&self) -> bool {
        shinchoku_store::is_database_url(&self.location)
    }

    pub async fn open(&self) -> shinchoku_store::Store {
        shinchoku_store::Store::open(&self.location).await.unwrap()
    }
}

/// Runs each named `async fn NAME(db: TestDb)` as two tests, `sqlite::NAME` and
/// `postgres::NAME`, each on a fresh database.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::sqlite()).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = $crate::common::TestDb::postgres().await {
                        super::$name(db).await
                    }
                }
            )+
        }
    };
}
