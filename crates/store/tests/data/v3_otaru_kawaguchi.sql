BEGIN TRANSACTION;
CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    division_id INTEGER NOT NULL REFERENCES division (id) ON DELETE CASCADE,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (measure_id, division_id),
    UNIQUE (plan_id, position)
);
INSERT INTO "assignment" VALUES(1,1,0,1,1,'002_eba47c23c940212d.txt',9,'取組（担当課）');
INSERT INTO "assignment" VALUES(2,1,1,2,1,'002_eba47c23c940212d.txt',10,'取組（担当課）');
INSERT INTO "assignment" VALUES(3,1,2,3,1,'002_eba47c23c940212d.txt',11,'取組（担当課）');
INSERT INTO "assignment" VALUES(4,1,3,4,1,'002_eba47c23c940212d.txt',15,'取組（担当課）');
INSERT INTO "assignment" VALUES(5,1,4,5,1,'002_eba47c23c940212d.txt',20,'取組（担当課）');
INSERT INTO "assignment" VALUES(6,1,5,6,1,'002_eba47c23c940212d.txt',21,'取組（担当課）');
INSERT INTO "assignment" VALUES(7,1,6,7,1,'002_eba47c23c940212d.txt',22,'取組（担当課）');
INSERT INTO "assignment" VALUES(8,1,7,8,1,'002_eba47c23c940212d.txt',26,'取組（担当課）');
INSERT INTO "assignment" VALUES(9,1,8,9,1,'002_eba47c23c940212d.txt',27,'取組（担当課）');
INSERT INTO "assignment" VALUES(10,1,9,10,2,'002_eba47c23c940212d.txt',29,'取組（担当課）');
INSERT INTO "assignment" VALUES(11,1,10,11,3,'002_eba47c23c940212d.txt',30,'取組（担当課）');
INSERT INTO "assignment" VALUES(12,1,11,12,4,'002_eba47c23c940212d.txt',34,'取組（担当課）');
INSERT INTO "assignment" VALUES(13,1,12,13,4,'002_eba47c23c940212d.txt',35,'取組（担当課）');
INSERT INTO "assignment" VALUES(14,1,13,14,1,'002_eba47c23c940212d.txt',36,'取組（担当課）');
INSERT INTO "assignment" VALUES(15,1,14,15,3,'002_eba47c23c940212d.txt',42,'取組（担当課）');
INSERT INTO "assignment" VALUES(16,1,15,16,3,'002_eba47c23c940212d.txt',43,'取組（担当課）');
INSERT INTO "assignment" VALUES(17,1,16,17,3,'002_eba47c23c940212d.txt',44,'取組（担当課）');
INSERT INTO "assignment" VALUES(18,1,17,18,5,'002_eba47c23c940212d.txt',48,'取組（担当課）');
INSERT INTO "assignment" VALUES(19,1,18,19,5,'002_eba47c23c940212d.txt',49,'取組（担当課）');
INSERT INTO "assignment" VALUES(20,1,19,20,6,'002_eba47c23c940212d.txt',54,'取組（担当課）');
CREATE TABLE cost_item (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT,
    amount_yen INTEGER,
    note TEXT,
    -- CostSharing: own / shared_total / duplicate_of; the whole value as tagged JSON.
    sharing_type TEXT NOT NULL,
    sharing TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);
CREATE TABLE department (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    department_key TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (plan_id, department_key),
    UNIQUE (plan_id, position)
);
INSERT INTO "department" VALUES(1,1,0,'保健所','保健所');
INSERT INTO "department" VALUES(2,1,1,'福祉部','福祉部');
INSERT INTO "department" VALUES(3,1,2,'医療保険部','医療保険部');
INSERT INTO "department" VALUES(4,1,3,'教育部','教育部');
INSERT INTO "department" VALUES(5,1,4,'生活環境部','生活環境部');
INSERT INTO "department" VALUES(6,2,0,'福祉部','福祉部');
CREATE TABLE department_rename (
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    from_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (department_id, position)
);
CREATE TABLE diagnostic (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    message TEXT NOT NULL,
    PRIMARY KEY (import_id, position)
);
INSERT INTO "diagnostic" VALUES(1,0,'info','section-number','002_eba47c23c940212d.txt',3,'表題','「1」 before the title is the report''s section number; the document title is kept without it: 「「小樽市自殺対策計画」に基づく取組状況（令和元年度）」');
INSERT INTO "diagnostic" VALUES(1,1,'info','converter-artefact','002_eba47c23c940212d.txt',16,NULL,'「------------------------------ --」 is a rule line left by the PDF converter; skipped');
INSERT INTO "diagnostic" VALUES(1,2,'info','measure-subname','002_eba47c23c940212d.txt',26,'取組（担当課）','two parentheses: the last 「保健所健康増進課」 is the division, the one before stays in the measure name 「精神保健福祉相談事業 （こころの健康相談）」');
INSERT INTO "diagnostic" VALUES(1,3,'info','nested-division','002_eba47c23c940212d.txt',29,'取組（担当課）','「福祉部子育て支援室 こども育成課」: department 福祉部; 「子育て支援室 こども育成課」 names two levels (a unit within a 室) and is kept whole as the division');
INSERT INTO "diagnostic" VALUES(1,4,'info','division-without-department','002_eba47c23c940212d.txt',48,'取組（担当課）','「生活サポートセンター」 names no department (部/局/保健所); kept as a division without department');
INSERT INTO "diagnostic" VALUES(1,5,'info','measure-subname','002_eba47c23c940212d.txt',48,'取組（担当課）','two parentheses: the last 「生活サポートセンター」 is the division, the one before stays in the measure name 「生活困窮者自立支援事業 (自立相談支援事業)」');
INSERT INTO "diagnostic" VALUES(1,6,'info','measure-subname','002_eba47c23c940212d.txt',49,'取組（担当課）','two parentheses: the last 「生活サポートセンター」 is the division, the one before stays in the measure name 「生活困窮者自立支援事業 (就労準備支援事業)」');
INSERT INTO "diagnostic" VALUES(1,7,'info','relisting','002_eba47c23c940212d.txt',53,'取組（担当課）','「心の健康づくりについての健康教育の実施」 (保健所健康増進課) is the measure of line 22: same name, division and 取組状況 apart from white space; one measure, listed again under 重点施策③ 勤務・経営対策 (再掲, not marked as such in the report)');
INSERT INTO "diagnostic" VALUES(2,0,'warning','rating-scheme-edges','004_052cf2803b6d324c.txt',122,NULL,'the rule''s bands are 「程度」 (about): read as S >120%, A ≥100%, B ≥80%, C ≥50%, D below (each edge belongs to the better band, except that 「超」 excludes its edge)');
INSERT INTO "diagnostic" VALUES(2,1,'info','compound-value','004_052cf2803b6d324c.txt',154,'現状 R5','「①13.9% ②3.0% ③3.5%」 of 「「孤独感・孤立感」の市民意識調査において①「自分には人との付き合いがないと感じる」②「自分は取り残されていると感じる」③「自分は他の人たちから孤立していると感じる」における「常にある」の回答割合」 holds 3 separate values (①②…); kept as text');
INSERT INTO "diagnostic" VALUES(2,2,'info','indicator-direction','004_052cf2803b6d324c.txt',154,'方向','「「孤独感・孤立感」の市民意識調査において①「自分には人との付き合いがないと感じる」②「自分は取り残されていると感じる」③「自分は他の人たちから孤立していると感じる」における「常にある」の回答割合」: lower is better (a target says 「前回調査より減少」)');
INSERT INTO "diagnostic" VALUES(2,3,'info','indicator-direction','004_052cf2803b6d324c.txt',209,'方向','「施設サービス受給率」: lower is better (baseline and targets fall: 13 → 13 → 12 → 11)');
INSERT INTO "diagnostic" VALUES(2,4,'warning','conflicting-statement','004_052cf2803b6d324c.txt',226,'実績','「地域密着型サービス受給率」: the table (line 208) states 実績 R6 「11.1%」, this block 「11.4%」; both kept, the table''s is authoritative');
INSERT INTO "diagnostic" VALUES(2,5,'info','indicator-direction','004_052cf2803b6d324c.txt',328,'方向','「糖尿病性腎症重症化予防指導の実施対象者における、顕性腎症期（Ⅲ）から腎不全期（Ⅳ）への移行者数」: lower is better (every target is 0)');
INSERT INTO "diagnostic" VALUES(2,6,'info','indicator-direction','004_052cf2803b6d324c.txt',361,'方向','「保育所等利用待機児童数」: lower is better (every target is 0)');
INSERT INTO "diagnostic" VALUES(2,7,'warning','indicator-direction-guessed','004_052cf2803b6d324c.txt',363,'方向','「全ての妊産婦等に対する伴走型相談支援の実施」: targets are qualitative but values are numbers; guessed higher is better');
INSERT INTO "diagnostic" VALUES(2,8,'info','baseline-without-year','004_052cf2803b6d324c.txt',365,'現状 (年度)','baseline 「実施中」 of 「小学校修了前の児童全ての状況把握と安全確認」 states no year; kept without one');
INSERT INTO "diagnostic" VALUES(2,9,'info','indicator-direction','004_052cf2803b6d324c.txt',365,'方向','「小学校修了前の児童全ての状況把握と安全確認」 is qualitative (targets and actuals are statements); no direction');
INSERT INTO "diagnostic" VALUES(2,10,'info','wrapped-cell','004_052cf2803b6d324c.txt',377,'目標 (R 6)','「全ての妊産婦 等を支援」 of 「全ての妊産婦等に対する伴走型相談支援の実施」 read as 「全ての妊産婦等を支援」 (space of a wrapped cell removed)');
INSERT INTO "diagnostic" VALUES(2,11,'info','policies-evaluated-elsewhere','004_052cf2803b6d324c.txt',412,'施策一覧','the 施策 of 基本目標2 are not evaluated in this report (割愛; kept as narrative): 「「基本目標 2 高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展」における各施策については「第 9 期川口市高齢者福祉計画・介護保険事業計画」と連動していることから、川口市介護保険運営協議会において評価をするため割愛いたします。」');
INSERT INTO "diagnostic" VALUES(2,12,'info','policies-evaluated-elsewhere','004_052cf2803b6d324c.txt',413,'施策一覧','the 施策 of 基本目標3 are not evaluated in this report (割愛; kept as narrative): 「「基本目標 3 障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち」における各施策については「川口市障害者福祉計画（令和 6～11 年度）・第 7 期川口市障害者自立支援福祉計画（令和 6～8 年度）・第 3 期川口市障害児福祉計画（令和 6～8 年度）」と連動していることから、川口市社会福祉審議会障害者福祉専門分科会において評価をするため割愛いたします。」');
INSERT INTO "diagnostic" VALUES(2,13,'info','policies-evaluated-elsewhere','004_052cf2803b6d324c.txt',415,'施策一覧','the 施策 of 基本目標5 are not evaluated in this report (割愛; kept as narrative): 「「基本目標 5 全ての子どもが健やかに成長できる体制づくり」における各施策については「第 2 期川口市子ども・子育て支援事業計画」と連動していることから、川口市社会福祉審議会児童福祉専門分科会において評価をするため割愛いたします。」');
INSERT INTO "diagnostic" VALUES(2,14,'info','estimated-baseline','004_052cf2803b6d324c.txt',425,'現状 R5','「8 件 (見込)」 of 「支援プラン作成数」 is an estimate (見込); read as the number without the mark');
INSERT INTO "diagnostic" VALUES(2,15,'info','estimated-baseline','004_052cf2803b6d324c.txt',426,'現状 R5','「47 件 (見込)」 of 「多機関協働事業主催ケース会議数（重層的支援会議含む）」 is an estimate (見込); read as the number without the mark');
INSERT INTO "diagnostic" VALUES(2,16,'info','estimated-baseline','004_052cf2803b6d324c.txt',462,'現状 R5','「87回 (見込)」 of 「関係会議体への参加回数」 is an estimate (見込); read as the number without the mark');
INSERT INTO "diagnostic" VALUES(2,17,'info','indicator-direction','004_052cf2803b6d324c.txt',463,'方向','「支援会議での新規情報のモニタリング」 is qualitative (targets and actuals are statements); no direction');
INSERT INTO "diagnostic" VALUES(2,18,'info','wrapped-cell','004_052cf2803b6d324c.txt',546,'目標 R7','「調査実施・ 分析」 of 「ひきこもり等の実態調査」 read as 「調査実施・分析」 (space of a wrapped cell removed)');
INSERT INTO "diagnostic" VALUES(2,19,'info','wrapped-cell','004_052cf2803b6d324c.txt',546,'目標 R8','「支援手法に 反映」 of 「ひきこもり等の実態調査」 read as 「支援手法に反映」 (space of a wrapped cell removed)');
INSERT INTO "diagnostic" VALUES(2,20,'info','indicator-direction','004_052cf2803b6d324c.txt',546,'方向','「ひきこもり等の実態調査」 is qualitative (targets and actuals are statements); no direction');
INSERT INTO "diagnostic" VALUES(2,21,'info','wrapped-cell','004_052cf2803b6d324c.txt',547,'評価指標','indicator name 「ひきこもりオンラインサロン 開催数」 read as 「ひきこもりオンラインサロン開催数」 (space of a wrapped cell removed)');
INSERT INTO "diagnostic" VALUES(2,22,'info','wrapped-cell','004_052cf2803b6d324c.txt',548,'評価指標','indicator name 「ひきこもり対象者等が安心して 参加できる居場所設置数」 read as 「ひきこもり対象者等が安心して参加できる居場所設置数」 (space of a wrapped cell removed)');
INSERT INTO "diagnostic" VALUES(2,23,'warning','conflicting-statement','004_052cf2803b6d324c.txt',562,'実績','「ひきこもり対象者等が安心して参加できる居場所設置数」: the table (line 548) states 実績 R6 「1か所」, this block 「0か所」; both kept, the table''s is authoritative');
INSERT INTO "diagnostic" VALUES(2,24,'warning','indicator-direction-guessed','004_052cf2803b6d324c.txt',674,'方向','「糖尿病性腎症重症化予防のための保健指導実施数」: baseline and targets (30 → 30 → 30) do not show a direction; guessed higher is better');
INSERT INTO "diagnostic" VALUES(2,25,'info','unnumbered-policies','004_052cf2803b6d324c.txt',137,'基本目標','the 4 施策 of 基本目標2 carry no number in the report; their keys use their order in 施策体系');
INSERT INTO "diagnostic" VALUES(2,26,'info','unnumbered-policies','004_052cf2803b6d324c.txt',138,'基本目標','the 6 施策 of 基本目標3 carry no number in the report; their keys use their order in 施策体系');
INSERT INTO "diagnostic" VALUES(2,27,'info','unnumbered-policies','004_052cf2803b6d324c.txt',140,'基本目標','the 6 施策 of 基本目標5 carry no number in the report; their keys use their order in 施策体系');
INSERT INTO "diagnostic" VALUES(2,28,'info','self-assessed-grades','004_052cf2803b6d324c.txt',713,NULL,'川口市成年後見制度利用促進計画 states no KPI: its items'' grades (評価) are self-assessed on the report''s S–D scale');
INSERT INTO "diagnostic" VALUES(2,29,'info','self-assessed-grades','004_052cf2803b6d324c.txt',818,NULL,'川口市再犯防止推進計画 states no KPI: its items'' grades (評価) are self-assessed on the report''s S–D scale');
INSERT INTO "diagnostic" VALUES(2,30,'warning','conflicting-dates','004_052cf2803b6d324c.txt',921,'発行日','the cover is dated 「令和 7 年 3 月」 (line 7), 発行日 says 「令和 7 年 11 月」');
CREATE TABLE direction_term (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);
CREATE TABLE division (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    division_key TEXT NOT NULL,
    name TEXT NOT NULL,
    department_id INTEGER REFERENCES department (id) ON DELETE CASCADE,
    external INTEGER NOT NULL CHECK (external IN (0, 1)),
    UNIQUE (plan_id, division_key),
    UNIQUE (plan_id, position)
);
INSERT INTO "division" VALUES(1,1,0,'保健所健康増進課','健康増進課',1,0);
INSERT INTO "division" VALUES(2,1,1,'福祉部子育て支援室こども育成課','子育て支援室 こども育成課',2,0);
INSERT INTO "division" VALUES(3,1,2,'医療保険部介護保険課','介護保険課',3,0);
INSERT INTO "division" VALUES(4,1,3,'教育部学校教育支援室','学校教育支援室',4,0);
INSERT INTO "division" VALUES(5,1,4,'生活サポートセンター','生活サポートセンター',NULL,0);
INSERT INTO "division" VALUES(6,1,5,'生活環境部生活安全課','生活安全課',5,0);
INSERT INTO "division" VALUES(7,2,0,'福祉総務課','福祉総務課',6,0);
CREATE TABLE division_rename (
    division_id INTEGER NOT NULL REFERENCES division (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    from_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    original TEXT NOT NULL,
    PRIMARY KEY (division_id, position)
);
CREATE TABLE extra_field (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);
CREATE TABLE import_plan (
    import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    PRIMARY KEY (import_id, plan_id)
);
INSERT INTO "import_plan" VALUES(1,1);
INSERT INTO "import_plan" VALUES(2,2);
INSERT INTO "import_plan" VALUES(2,3);
INSERT INTO "import_plan" VALUES(2,4);
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    layout TEXT NOT NULL
);
INSERT INTO "imports" VALUES(1,'002_eba47c23c940212d.txt','d5ceab623dc4c05337a24871211e9113b12991f0ce6c5c6dce1f6fa248ace128','otaru');
INSERT INTO "imports" VALUES(2,'004_052cf2803b6d324c.txt','c1fc144e331cc5443ac70f19cf7c57c880a55624831032597bbbeea217d8de4c','kawaguchi_eval');
CREATE TABLE indicator (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    indicator_key TEXT NOT NULL,
    name TEXT NOT NULL,
    group_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    unit TEXT,
    polarity TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, indicator_key),
    UNIQUE (plan_id, position)
);
INSERT INTO "indicator" VALUES(1,2,0,'基本目標1/成果指標1','「孤独感・孤立感」の市民意識調査において①「自分には人との付き合いがないと感じる」②「自分は取り残されていると感じる」③「自分は他の人たちから孤立していると感じる」における「常にある」の回答割合',9,'%','lower_is_better','004_052cf2803b6d324c.txt',154,'成果指標');
INSERT INTO "indicator" VALUES(2,2,1,'基本目標1/成果指標2','包括的相談支援事業所における他分野相談受付数',9,'件','higher_is_better','004_052cf2803b6d324c.txt',155,'成果指標');
INSERT INTO "indicator" VALUES(3,2,2,'基本目標1/成果指標3','アウトリーチ等を通じた継続的支援事業における支援員の配置数',9,'人','higher_is_better','004_052cf2803b6d324c.txt',156,'成果指標');
INSERT INTO "indicator" VALUES(4,2,3,'基本目標1/成果指標4','世代・属性を問わない交流の場の数',9,'か所','higher_is_better','004_052cf2803b6d324c.txt',157,'成果指標');
INSERT INTO "indicator" VALUES(5,2,4,'基本目標2/成果指標1','要支援認定者の認定更新時における介護度の改善・維持の割合',14,'%','higher_is_better','004_052cf2803b6d324c.txt',205,'成果指標');
INSERT INTO "indicator" VALUES(6,2,5,'基本目標2/成果指標2','生きがいがあると感じている高齢者の割合',14,'%','higher_is_better','004_052cf2803b6d324c.txt',206,'成果指標');
INSERT INTO "indicator" VALUES(7,2,6,'基本目標2/成果指標3','家族や友人以外の相談相手がいる高齢者の割合',14,'%','higher_is_better','004_052cf2803b6d324c.txt',207,'成果指標');
INSERT INTO "indicator" VALUES(8,2,7,'基本目標2/成果指標4','地域密着型サービス受給率',14,'%','higher_is_better','004_052cf2803b6d324c.txt',208,'成果指標');
INSERT INTO "indicator" VALUES(9,2,8,'基本目標2/成果指標5','施設サービス受給率',14,'%','lower_is_better','004_052cf2803b6d324c.txt',209,'成果指標');
INSERT INTO "indicator" VALUES(10,2,9,'基本目標2/成果指標6','介護が必要になった場合に「在宅介護」を望む人の割合',14,'%','higher_is_better','004_052cf2803b6d324c.txt',210,'成果指標');
INSERT INTO "indicator" VALUES(11,2,10,'基本目標2/成果指標7','終活について何らかの取組を行っている人の割合',14,'%','higher_is_better','004_052cf2803b6d324c.txt',211,'成果指標');
INSERT INTO "indicator" VALUES(12,2,11,'基本目標3/成果指標1','障害者が感じる、周囲の人の障害者に対する理解度',19,'%','higher_is_better','004_052cf2803b6d324c.txt',266,'成果指標');
INSERT INTO "indicator" VALUES(13,2,12,'基本目標3/成果指標2','障害者が相談支援事業所に満足している割合',19,'%','higher_is_better','004_052cf2803b6d324c.txt',267,'成果指標');
INSERT INTO "indicator" VALUES(14,2,13,'基本目標3/成果指標3','障害者が現在、文化芸術活動に取り組んでいる割合',19,'%','higher_is_better','004_052cf2803b6d324c.txt',268,'成果指標');
INSERT INTO "indicator" VALUES(15,2,14,'基本目標3/成果指標4','障害児の保護者が障害者施策に対して満足している割合',19,'%','higher_is_better','004_052cf2803b6d324c.txt',269,'成果指標');
INSERT INTO "indicator" VALUES(16,2,15,'基本目標3/成果指標5','障害者が、必要時の医療機関への受診、日々の適切な健康管理への支援に満足している割合',19,'%','higher_is_better','004_052cf2803b6d324c.txt',270,'成果指標');
INSERT INTO "indicator" VALUES(17,2,16,'基本目標3/成果指標6','障害者にとっての川口市の住みやすさ',19,'%','higher_is_better','004_052cf2803b6d324c.txt',271,'成果指標');
INSERT INTO "indicator" VALUES(18,2,17,'基本目標4/成果指標1','自立相談支援事業による就労支援プラン対象者の就職者数',26,'人','higher_is_better','004_052cf2803b6d324c.txt',326,'成果指標');
INSERT INTO "indicator" VALUES(19,2,18,'基本目標4/成果指標2','就労自立による生活保護廃止世帯数',26,'世帯','higher_is_better','004_052cf2803b6d324c.txt',327,'成果指標');
INSERT INTO "indicator" VALUES(20,2,19,'基本目標4/成果指標3','糖尿病性腎症重症化予防指導の実施対象者における、顕性腎症期（Ⅲ）から腎不全期（Ⅳ）への移行者数',26,'人','lower_is_better','004_052cf2803b6d324c.txt',328,'成果指標');
INSERT INTO "indicator" VALUES(21,2,20,'基本目標5/成果指標1','保育所等利用待機児童数',30,'人','lower_is_better','004_052cf2803b6d324c.txt',361,'成果指標');
INSERT INTO "indicator" VALUES(22,2,21,'基本目標5/成果指標2','市が運営するつどいの広場の利用者数',30,'人','higher_is_better','004_052cf2803b6d324c.txt',362,'成果指標');
INSERT INTO "indicator" VALUES(23,2,22,'基本目標5/成果指標3','全ての妊産婦等に対する伴走型相談支援の実施',30,'%','higher_is_better','004_052cf2803b6d324c.txt',363,'成果指標');
INSERT INTO "indicator" VALUES(24,2,23,'基本目標5/成果指標4','児童センター・こども館の利用者数',30,'人','higher_is_better','004_052cf2803b6d324c.txt',364,'成果指標');
INSERT INTO "indicator" VALUES(25,2,24,'基本目標5/成果指標5','小学校修了前の児童全ての状況把握と安全確認',30,NULL,'unknown','004_052cf2803b6d324c.txt',365,'成果指標');
INSERT INTO "indicator" VALUES(26,2,25,'基本目標5/成果指標6','子どもの生活・学習支援事業の学習教室参加率',30,'%','higher_is_better','004_052cf2803b6d324c.txt',366,'成果指標');
INSERT INTO "indicator" VALUES(27,2,26,'基本目標1-施策1/評価指標1','庁内包括化推進員数',10,'人','higher_is_better','004_052cf2803b6d324c.txt',424,'評価指標');
INSERT INTO "indicator" VALUES(28,2,27,'基本目標1-施策1/評価指標2','支援プラン作成数',10,'件','higher_is_better','004_052cf2803b6d324c.txt',425,'評価指標');
INSERT INTO "indicator" VALUES(29,2,28,'基本目標1-施策1/評価指標3','多機関協働事業主催ケース会議数（重層的支援会議含む）',10,'件','higher_is_better','004_052cf2803b6d324c.txt',426,'評価指標');
INSERT INTO "indicator" VALUES(30,2,29,'基本目標1-施策2/評価指標1','関係会議体への参加回数',11,'回','higher_is_better','004_052cf2803b6d324c.txt',462,'評価指標');
INSERT INTO "indicator" VALUES(31,2,30,'基本目標1-施策2/評価指標2','支援会議での新規情報のモニタリング',11,NULL,'unknown','004_052cf2803b6d324c.txt',463,'評価指標');
INSERT INTO "indicator" VALUES(32,2,31,'基本目標1-施策3/評価指標1','ボランティア講座修了者数',12,'人','higher_is_better','004_052cf2803b6d324c.txt',492,'評価指標');
INSERT INTO "indicator" VALUES(33,2,32,'基本目標1-施策3/評価指標2','フードドライブ設置数',12,'か所','higher_is_better','004_052cf2803b6d324c.txt',493,'評価指標');
INSERT INTO "indicator" VALUES(34,2,33,'基本目標1-施策3/評価指標3','民生委員・児童委員の定員充足率',12,'%','higher_is_better','004_052cf2803b6d324c.txt',494,'評価指標');
INSERT INTO "indicator" VALUES(35,2,34,'基本目標1-施策3/評価指標4','保護司の定員充足率',12,'%','higher_is_better','004_052cf2803b6d324c.txt',495,'評価指標');
INSERT INTO "indicator" VALUES(36,2,35,'基本目標1-施策3/評価指標5','見守り活動に関する協定締結数',12,'件','higher_is_better','004_052cf2803b6d324c.txt',496,'評価指標');
INSERT INTO "indicator" VALUES(37,2,36,'基本目標1-施策4/評価指標1','ひきこもり等の実態調査',13,NULL,'unknown','004_052cf2803b6d324c.txt',546,'評価指標');
INSERT INTO "indicator" VALUES(38,2,37,'基本目標1-施策4/評価指標2','ひきこもりオンラインサロン開催数',13,'回','higher_is_better','004_052cf2803b6d324c.txt',547,'評価指標');
INSERT INTO "indicator" VALUES(39,2,38,'基本目標1-施策4/評価指標3','ひきこもり対象者等が安心して参加できる居場所設置数',13,'か所','higher_is_better','004_052cf2803b6d324c.txt',548,'評価指標');
INSERT INTO "indicator" VALUES(40,2,39,'基本目標4-施策1/評価指標1','自立相談支援事業による新規相談件数',27,'件','higher_is_better','004_052cf2803b6d324c.txt',608,'評価指標');
INSERT INTO "indicator" VALUES(41,2,40,'基本目標4-施策1/評価指標2','一人ひとりの状況に応じ、自立に向けた支援プラン作成件数',27,'件','higher_is_better','004_052cf2803b6d324c.txt',609,'評価指標');
INSERT INTO "indicator" VALUES(42,2,41,'基本目標4-施策1/評価指標3','自立した生活のためのプランに就労支援が盛り込まれた対象者数',27,'件','higher_is_better','004_052cf2803b6d324c.txt',610,'評価指標');
INSERT INTO "indicator" VALUES(43,2,42,'基本目標4-施策2/評価指標1','福祉・就労支援連携事業（被保護者）による就職者数',28,'人','higher_is_better','004_052cf2803b6d324c.txt',645,'評価指標');
INSERT INTO "indicator" VALUES(44,2,43,'基本目標4-施策2/評価指標2','被保護者就労支援事業による就職者数',28,'人','higher_is_better','004_052cf2803b6d324c.txt',646,'評価指標');
INSERT INTO "indicator" VALUES(45,2,44,'基本目標4-施策3/評価指標1','糖尿病性腎症重症化予防のための保健指導実施数',29,'人','higher_is_better','004_052cf2803b6d324c.txt',674,'評価指標');
INSERT INTO "indicator" VALUES(46,2,45,'基本目標4-施策3/評価指標2','治療中断者への受診勧奨により治療を再開した人数',29,'人','higher_is_better','004_052cf2803b6d324c.txt',675,'評価指標');
INSERT INTO "indicator" VALUES(47,2,46,'基本目標4-施策3/評価指標3','健康診査受診率',29,'%','higher_is_better','004_052cf2803b6d324c.txt',676,'評価指標');
CREATE TABLE indicator_activity (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, position)
);
INSERT INTO "indicator_activity" VALUES(1,0,2024,'● 世代・属性を問わない交流の場を新たに設置する団体に初期費用の一部を助成する川口市みんなの居場所設置支援助成金事業を実施した。
● ウエルシア薬局株式会社と連携協定を締結し、移動販売による地域コミュニティの創出による居場所づくりを実施した。
● 市内の見守り体制の強化のため、つながりサポーター養成講座を実施した。
● 世代・属性を問わない居場所作りを促進する目的として、地域づくりトークセッションを実施した。
● 広報かわぐち及び給食共同献立表に相談窓口に係る案内記事を掲載した。
【参考】 令和6年度総合計画のための市民意識調査結果報告書 ①「自分には人との付き合いがないと感じる」 11.3% ②「自分は取り残されていると感じる」 2.8% ③「自分は他の人たちから孤立していると感じる」 3.3%','004_052cf2803b6d324c.txt',161,'取組内容');
INSERT INTO "indicator_activity" VALUES(2,0,2024,'●市内の地域包括支援センター等34事業所の職員を対象に包括的相談支援事業所連絡会を開催し、研修や事例共有、意見交換を実施した。
●多機関協働事業が包括的相談支援事業所へ訪問し、複雑化・複合化した支援ニーズを有する事例を紹介するとともに複雑化・複合化した課題を有する事案を事業所から引き上げて支援を行った。','004_052cf2803b6d324c.txt',165,'取組内容');
INSERT INTO "indicator_activity" VALUES(3,0,2024,'「複雑化・複合化した支援ニーズがあり、特定の分野が単独で支援することが困難な者・世帯」や「支援が届いていない者・世帯」に対して信頼関係の構築を目指し、支援員を3人配置した。','004_052cf2803b6d324c.txt',169,'取組内容');
INSERT INTO "indicator_activity" VALUES(4,0,2024,'●川口市みんなの居場所設置支援助成金事業を利用し7か所設置。
●地域づくりトークセッションにより3か所設置。
●その他の取組により4ヶ所設置。','004_052cf2803b6d324c.txt',173,'取組内容');
INSERT INTO "indicator_activity" VALUES(5,0,2024,'早期発見、早期対応に向けた取組として、介護予防把握事業（基本チェックリスト）、介護予防・生活支援サービス事業（訪問型・通所型訪問介護予防相当サービス）、一般介護予防事業（口腔教室、健康アップ教室など）等を実施した。','004_052cf2803b6d324c.txt',215,'取組内容');
INSERT INTO "indicator_activity" VALUES(6,0,2024,'在宅生活・日常生活の安心を支えるサービスとして、日常生活用具給付事業（シルバーカー、杖など）、ねたきり高齢者等紙おむつ支給事業、福祉電話貸与事業、緊急通報システム貸与事業等を実施した。 また、令和 6 年度から新規事業として補聴器購入費の補助を実施し、高齢者の生活支援及び社会参加の促進を図った。','004_052cf2803b6d324c.txt',219,'取組内容');
INSERT INTO "indicator_activity" VALUES(7,0,2024,'老人クラブ活動への助成を行い、集いの場として老人福祉施設「たたら荘」を運営し、地域における交流の場の充実に努めた。
さらに、市内 20 か所に設置している「地域包括支援センター」において、高齢者本人や家族介護者が抱える様々な問題等についての総合的な相談窓口を開設し、それぞれの相談者に対し、必要な支援に繋げた。','004_052cf2803b6d324c.txt',223,'取組内容');
INSERT INTO "indicator_activity" VALUES(8,0,2024,'地域密着型サービス事業者の公募を行い、基盤整備の促進を図った。
広報かわぐちやキャストビジョンでの地域密着型サービスの周知を行った。
定期巡回・随時対応型訪問介護看護チャシの配架','004_052cf2803b6d324c.txt',227,'取組内容');
INSERT INTO "indicator_activity" VALUES(9,0,2024,'特になし','004_052cf2803b6d324c.txt',231,'取組内容');
INSERT INTO "indicator_activity" VALUES(10,0,2024,'切れ目のない在宅医療・介護の相談・提供体制の構築を目指し、相談窓口として「在宅医療サポートセンター」を設置し、市内 20 か所に設置している「地域包括支援センター」と連携しながら在宅における医療・介護サービスの円滑な享受を支援した。','004_052cf2803b6d324c.txt',235,'取組内容');
INSERT INTO "indicator_activity" VALUES(11,0,2024,'人生の終末期への不安を解消し、残された時間を有意義に過ごすことが出来るよう、本人の希望する医療やケアについて前もって考え、家族や医療・ケアチームと話し合う「人生会議（ACP）」の普及啓発のための講座を開催した。 また、高齢者の方が自身の終末期についての想いや希望を書き記す「エンディングノート」を市内公共施設に配架し、その活用について周知した。','004_052cf2803b6d324c.txt',240,'取組内容');
INSERT INTO "indicator_activity" VALUES(12,0,2024,'・ 障害者差別解消法及び県条例に係る事業所向け説明会を実施した。
・ 手話言語の普及と手話の理解と啓発促進のため「出前講座」を実施した。
・ 地域の実情に合った居住支援を充実するため、地域生活支援拠点等会議を開催した。
・ 意思疎通を円滑に行うため、手話通訳者を派遣した。
・ 障害がある人もない人も、みんなで共に生きようとする「あいサポートマインド」を持って行動する子どもたちを育てるため、あいサポートキッズ研修を実施した。','004_052cf2803b6d324c.txt',275,'取組内容');
INSERT INTO "indicator_activity" VALUES(13,0,2024,'・ アウトリーチによる積極的な支援を、相談支援事業所を中心に行った。
・ 相談支援事業所と拠点機能を担う事業所が利用登録希望者の情報を共有し、平時からの連携を図った。
・ 民間事業所からの相談対応等により、特定相談支援事業所の確保に努めた。','004_052cf2803b6d324c.txt',279,'取組内容');
INSERT INTO "indicator_activity" VALUES(14,0,2024,'・障害者週間記念事業において、障害者アートの作品を展示した。
・公民館等の施設において、障害者の作品発表の機会を設けた。','004_052cf2803b6d324c.txt',283,'取組内容');
INSERT INTO "indicator_activity" VALUES(15,0,2024,'・地域課題の抽出や事業所の質の向上のため、自立支援協議会こども部会を開催した。
・医療的ケアが必要なお子さんや家族の手助けとなるよう、ガイドブックを作成、改訂した。
・関係機関との連携と情報共有を目的に、児童発達支援事業所連絡会を開催した。','004_052cf2803b6d324c.txt',287,'取組内容');
INSERT INTO "indicator_activity" VALUES(16,0,2024,'・早期の治療に繋がられるよう、障害者通所施設において歯科検診を実施した。
・重度心身障害者医療費助成事業において、令和6年10月から訪問看護の現物給付を開始し、受給者の利便性の向上を図った。
・心身の障害を除去・軽減するため、自立支援医療費を支給した。','004_052cf2803b6d324c.txt',291,'取組内容');
INSERT INTO "indicator_activity" VALUES(17,0,2024,'・障害者等が優先駐車区画等に駐車できるよう、複数の課の窓口で、利用証を即日交付した。
・避難行動要支援者登録制度の対象者を拡充（令和6年度から療育手帳B所持者を追加）し、登録者を約400人増加した。','004_052cf2803b6d324c.txt',295,'取組内容');
INSERT INTO "indicator_activity" VALUES(18,0,2024,'相談者の実情に応じて就労支援プランを作成し、就職先の検討、履歴書作成や面接練習のフォローなどの就労支援を行ったほか、対象者の掘り起こしのため出張相談会を実施した。','004_052cf2803b6d324c.txt',332,'取組内容');
INSERT INTO "indicator_activity" VALUES(19,0,2024,'各就労支援事業に加え、現業員（CW）が定期家庭訪問等を通じて就労指導を行った。また、就労自立による保護廃止の際に支給される就労自立給付金の説明を徹底した。','004_052cf2803b6d324c.txt',336,'取組内容');
INSERT INTO "indicator_activity" VALUES(20,0,2024,'レセプトデータの分析により、糖尿病性腎症の該当者を抽出した。該当者 30 名のうち、同意が得られた 29 名に対し、委託先の保健師による保健指導（面談を 2 回、架電による経過確認を 4 回）を実施した。生活習慣等の改善により進行を抑制させるため、保健指導後も担当ケースワーカーより随時、健康状況を確認した。','004_052cf2803b6d324c.txt',340,'取組内容');
INSERT INTO "indicator_activity" VALUES(21,0,2024,'待機児童数は増加していないものの、利用申込者数の増加に対応できていない状況を踏まえ、C評価とした。令和6年4月には、保育所1施設と幼保連携型認定こども園1施設を新たに開所した。','004_052cf2803b6d324c.txt',370,'取組内容');
INSERT INTO "indicator_activity" VALUES(22,0,2024,'商業施設にて出張型の子育て世帯向けイベントを行うことで、事業の周知を図った。また、広報かわぐち、情報メールにてイベント・講座情報等を発信し、事業の周知を図った。','004_052cf2803b6d324c.txt',374,'取組内容');
INSERT INTO "indicator_activity" VALUES(23,0,2024,'妊娠届出時から妊婦や子育て家庭に対し、出産・育児等の見通しを寄り添って立てるための面談や継続的な情報発信し、妊娠届出時及び出生届出時に経済的支援を実施した。','004_052cf2803b6d324c.txt',378,'取組内容');
INSERT INTO "indicator_activity" VALUES(24,0,2024,'土日開催の行事やイベントを増やすことで、保育園に通っているこどもを来館しやすくした。','004_052cf2803b6d324c.txt',382,'取組内容');
INSERT INTO "indicator_activity" VALUES(25,0,2024,'巡回支援事業、小学校1年生訪問、未就園児等全戸訪問事業、子ども家庭相談及び発達相談支援事業等を通じて、児童虐待の早期発見、啓発に努めた。','004_052cf2803b6d324c.txt',386,'取組内容');
INSERT INTO "indicator_activity" VALUES(26,0,2024,'利用者が参加しやすいように委託事業者と協議し、こどもとの信頼関係の構築など可能な限りの対策を講じた。','004_052cf2803b6d324c.txt',390,'取組内容');
INSERT INTO "indicator_activity" VALUES(27,0,2024,'令和 6 年 6 月に庁内包括化推進員会議を開催し、本市における地域共生社会の実現に向けた協議・調査等のため、福祉分野に限らず、医療分野や教育分野などを加えた庁内の適切な連携を促進する体制を整えることができた。','004_052cf2803b6d324c.txt',430,'取組内容');
INSERT INTO "indicator_activity" VALUES(28,0,2024,'世帯におけるキーパーソンとなる相談者や対象者との信頼関係を構築し、毎月平均 1 件の支援プランを作成し、支援対象者に適切な支援をした。','004_052cf2803b6d324c.txt',434,'取組内容');
INSERT INTO "indicator_activity" VALUES(29,0,2024,'重層的支援会議は月平均 2 回、個別の支援会議については月平均 3 回開催し、福祉分野や庁内担当課に限らず、民間の相談支援機関を交え、円滑な連携のもと支援対象者へきめ細やかな支援を実施した。','004_052cf2803b6d324c.txt',438,'取組内容');
INSERT INTO "indicator_activity" VALUES(30,0,2024,'地域包括支援センター連絡会議や自立支援協議会、要保護児童対策地域協議会などの高齢分野、障害分野、子ども分野、教育分野等への会議体へ参加した。','004_052cf2803b6d324c.txt',467,'取組内容');
INSERT INTO "indicator_activity" VALUES(31,0,2024,'令和6年8月から、支援対象者からの同意が得られず専門機関が介入できていない世帯への継続した見守り体制を構築するとともに、介入する緊急性を考慮したリスクについて毎月検討している。','004_052cf2803b6d324c.txt',471,'取組内容');
INSERT INTO "indicator_activity" VALUES(32,0,2024,'令和6年度から川口市社会福祉協議会にて地域支援ボランティア養成講座を実施。 実施回数2回 定員各15人 参加者1回目18人、2回目10人 講座終了後、ボランティア活動につながった人 6人','004_052cf2803b6d324c.txt',500,'取組内容');
INSERT INTO "indicator_activity" VALUES(33,0,2024,'●フードドライブ活動を、市内イベント4ヶ所で実施。 令和6年9月29日(日) 第27回川口健康フェスティバル 令和6年10月6日(日) 第23回ボランティア見本市 令和6年10月24日(木) 第43回川口市社会福祉大会 令和6年12月14日(土) 第26回川口市障害者週間記念事業(ハートフェスタ)
●フードドライブ活動が常設できる、活動場所や収集方法等について検討を開始した。','004_052cf2803b6d324c.txt',504,'取組内容');
INSERT INTO "indicator_activity" VALUES(34,0,2024,'● 民生委員の負担軽減のため、活動をサポートする民生委員協力員を増やした。
● これまでの周知に加え、広報紙やFMかわぐちなど周知の機会を増やした。
● 新たな担い手を確保するため、町会・自治会の推薦によらない公募制度の周知拡大に努めた。','004_052cf2803b6d324c.txt',508,'取組内容');
INSERT INTO "indicator_activity" VALUES(35,0,2024,'● これまでの周知活動に加え、市ホームページの充実やFMかわぐちなど周知の機会を増やした。
● 担い手不足の対応として、市職員の退職者に対し、保護司制度を周知した。','004_052cf2803b6d324c.txt',512,'取組内容');
INSERT INTO "indicator_activity" VALUES(36,0,2024,'● 新聞販売事業者等見守り協定締結事業者のこれまでの功績を顕彰した。
● 窓口や訪問先での利用者の異変について、早期発見を目的とした見守り活動に関する協定を新たに川口信用金庫及び青木信用金庫と締結した。','004_052cf2803b6d324c.txt',516,'取組内容');
INSERT INTO "indicator_activity" VALUES(37,0,2024,'厚生労働省や埼玉県で実施するひきこもり等の実態調査では、把握できない内容を調査できるよう、調査項目や手法を参考にするため、先進自治体への視察を実施した。','004_052cf2803b6d324c.txt',553,'取組内容');
INSERT INTO "indicator_activity" VALUES(38,0,2024,'●ひきこもり家族の会における交流会では家族を感じる不安感などが軽減された。
●ひきこもり当事者同士の交流の場をオンライン上で設置する「オンラインラウンジ“e場所”」を開催した。','004_052cf2803b6d324c.txt',558,'取組内容');
INSERT INTO "indicator_activity" VALUES(39,0,2024,'●利用者が外出し参加できる場は未設置である。
●オンライン上での居場所を設置（「オンラインラウンジ“e場所”」）した。','004_052cf2803b6d324c.txt',563,'取組内容');
INSERT INTO "indicator_activity" VALUES(40,0,2024,'生活に困りごとや不安のある方、経済的に不安のある方などからの相談を受け付け、現状の課題を把握・整理し、自立した生活が送れるよう支援を実施した。','004_052cf2803b6d324c.txt',615,'取組内容');
INSERT INTO "indicator_activity" VALUES(41,0,2024,'相談者の実情に応じ、自立へ向けた支援プランの作成を実施した。','004_052cf2803b6d324c.txt',620,'取組内容');
INSERT INTO "indicator_activity" VALUES(42,0,2024,'支援プランに就職支援が盛り込まれた方に対し、就労先の検討や応募書類の作成準備のフォローなどを行った。また、就職後も定着するまでのフォローを行った。','004_052cf2803b6d324c.txt',625,'取組内容');
INSERT INTO "indicator_activity" VALUES(43,0,2024,'埼玉労働局との協定に基づき福祉事務所内に常設窓口を設置し、生活保護の申請者・受給者を対象に職業相談・職業紹介、就労支援セミナーを開催した。','004_052cf2803b6d324c.txt',651,'取組内容');
INSERT INTO "indicator_activity" VALUES(44,0,2024,'一般就労に向けて、一定の個別支援が必要な被保護者に対し、公共職業安定所や協力企業を始めとした就労支援に関する様々な社会資源と連携を図りつつ、簡易な就労意欲喚起や、個々の状況に応じた能力開発、職業訓練、就職支援を行った。','004_052cf2803b6d324c.txt',656,'取組内容');
INSERT INTO "indicator_activity" VALUES(45,0,2024,'レセプトデータの分析により、糖尿病性腎症の該当者を抽出し、該当者30名のうち、同意が得られた29名に対し、委託先の保健師による保健指導（面談を2回、架電による経過確認を4回）を実施した。','004_052cf2803b6d324c.txt',681,'取組内容');
INSERT INTO "indicator_activity" VALUES(46,0,2024,'レセプトデータの分析により、治療中断者及び健診異常値放置者を抽出し、該当者400名に対し、受診勧奨（通知を1回、電話勧奨を2回程度）を実施した。','004_052cf2803b6d324c.txt',686,'取組内容');
INSERT INTO "indicator_activity" VALUES(47,0,2024,'●40歳以上の被保護者（7,348人）へ健康診査受診勧奨パンフレットを送付した。
●健康診査に関する問い合わせに対してコールセンターを設置し、対象者からの相談等への対応を実施した。
●受診率向上のため、担当ケースワーカーが訪問時に受診券を直接手渡し、健康診査受診勧奨を実施した。','004_052cf2803b6d324c.txt',691,'取組内容');
CREATE TABLE listing (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES plan_group (id) ON DELETE CASCADE,
    relisted INTEGER NOT NULL CHECK (relisted IN (0, 1)),
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (measure_id, group_id),
    UNIQUE (plan_id, position)
);
INSERT INTO "listing" VALUES(1,1,0,1,1,0,'002_eba47c23c940212d.txt',9,'取組（担当課）');
INSERT INTO "listing" VALUES(2,1,1,2,1,0,'002_eba47c23c940212d.txt',10,'取組（担当課）');
INSERT INTO "listing" VALUES(3,1,2,3,1,0,'002_eba47c23c940212d.txt',11,'取組（担当課）');
INSERT INTO "listing" VALUES(4,1,3,4,2,0,'002_eba47c23c940212d.txt',15,'取組（担当課）');
INSERT INTO "listing" VALUES(5,1,4,5,3,0,'002_eba47c23c940212d.txt',20,'取組（担当課）');
INSERT INTO "listing" VALUES(6,1,5,6,3,0,'002_eba47c23c940212d.txt',21,'取組（担当課）');
INSERT INTO "listing" VALUES(7,1,6,7,3,0,'002_eba47c23c940212d.txt',22,'取組（担当課）');
INSERT INTO "listing" VALUES(8,1,7,8,4,0,'002_eba47c23c940212d.txt',26,'取組（担当課）');
INSERT INTO "listing" VALUES(9,1,8,9,4,0,'002_eba47c23c940212d.txt',27,'取組（担当課）');
INSERT INTO "listing" VALUES(10,1,9,10,4,0,'002_eba47c23c940212d.txt',29,'取組（担当課）');
INSERT INTO "listing" VALUES(11,1,10,11,4,0,'002_eba47c23c940212d.txt',30,'取組（担当課）');
INSERT INTO "listing" VALUES(12,1,11,12,5,0,'002_eba47c23c940212d.txt',34,'取組（担当課）');
INSERT INTO "listing" VALUES(13,1,12,13,5,0,'002_eba47c23c940212d.txt',35,'取組（担当課）');
INSERT INTO "listing" VALUES(14,1,13,14,5,0,'002_eba47c23c940212d.txt',36,'取組（担当課）');
INSERT INTO "listing" VALUES(15,1,14,15,6,0,'002_eba47c23c940212d.txt',42,'取組（担当課）');
INSERT INTO "listing" VALUES(16,1,15,16,6,0,'002_eba47c23c940212d.txt',43,'取組（担当課）');
INSERT INTO "listing" VALUES(17,1,16,17,6,0,'002_eba47c23c940212d.txt',44,'取組（担当課）');
INSERT INTO "listing" VALUES(18,1,17,18,7,0,'002_eba47c23c940212d.txt',48,'取組（担当課）');
INSERT INTO "listing" VALUES(19,1,18,19,7,0,'002_eba47c23c940212d.txt',49,'取組（担当課）');
INSERT INTO "listing" VALUES(20,1,19,7,8,1,'002_eba47c23c940212d.txt',53,'取組（担当課）');
INSERT INTO "listing" VALUES(21,1,20,20,8,0,'002_eba47c23c940212d.txt',54,'取組（担当課）');
INSERT INTO "listing" VALUES(22,3,0,21,37,0,'004_052cf2803b6d324c.txt',766,NULL);
INSERT INTO "listing" VALUES(23,3,1,22,37,0,'004_052cf2803b6d324c.txt',767,NULL);
INSERT INTO "listing" VALUES(24,3,2,23,37,0,'004_052cf2803b6d324c.txt',768,NULL);
INSERT INTO "listing" VALUES(25,3,3,24,37,0,'004_052cf2803b6d324c.txt',769,NULL);
INSERT INTO "listing" VALUES(26,3,4,25,38,0,'004_052cf2803b6d324c.txt',773,NULL);
INSERT INTO "listing" VALUES(27,3,5,26,38,0,'004_052cf2803b6d324c.txt',774,NULL);
CREATE TABLE measure (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_key TEXT NOT NULL,
    number TEXT,
    name TEXT NOT NULL,
    description TEXT,
    audience TEXT,
    plan_page TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, measure_key),
    UNIQUE (plan_id, position)
);
INSERT INTO "measure" VALUES(1,1,0,'小樽市自殺対策協議会の開催',NULL,'小樽市自殺対策協議会の開催',NULL,NULL,NULL,'002_eba47c23c940212d.txt',9,'取組（担当課）');
INSERT INTO "measure" VALUES(2,1,1,'小樽市自殺対策推進会議の開催',NULL,'小樽市自殺対策推進会議の開催',NULL,NULL,NULL,'002_eba47c23c940212d.txt',10,'取組（担当課）');
INSERT INTO "measure" VALUES(3,1,2,'相談援助技術専門研修会の実施',NULL,'相談援助技術専門研修会の実施',NULL,NULL,NULL,'002_eba47c23c940212d.txt',11,'取組（担当課）');
INSERT INTO "measure" VALUES(4,1,3,'ゲートキーパー養成講座の開催',NULL,'ゲートキーパー養成講座の開催',NULL,NULL,NULL,'002_eba47c23c940212d.txt',15,'取組（担当課）');
INSERT INTO "measure" VALUES(5,1,4,'相談機関一覧の作成・配布',NULL,'相談機関一覧の作成・配布',NULL,NULL,NULL,'002_eba47c23c940212d.txt',20,'取組（担当課）');
INSERT INTO "measure" VALUES(6,1,5,'広報誌等を活用した啓発活動',NULL,'広報誌等を活用した啓発活動',NULL,NULL,NULL,'002_eba47c23c940212d.txt',21,'取組（担当課）');
INSERT INTO "measure" VALUES(7,1,6,'心の健康づくりについての健康教育の実施',NULL,'心の健康づくりについての健康教育の実施',NULL,NULL,NULL,'002_eba47c23c940212d.txt',22,'取組（担当課）');
INSERT INTO "measure" VALUES(8,1,7,'精神保健福祉相談事業(こころの健康相談)',NULL,'精神保健福祉相談事業 （こころの健康相談）',NULL,NULL,NULL,'002_eba47c23c940212d.txt',26,'取組（担当課）');
INSERT INTO "measure" VALUES(9,1,8,'精神障がい者デイケア事業',NULL,'精神障がい者デイケア事業',NULL,NULL,NULL,'002_eba47c23c940212d.txt',27,'取組（担当課）');
INSERT INTO "measure" VALUES(10,1,9,'子育て支援センターの開催',NULL,'子育て支援センターの開催',NULL,NULL,NULL,'002_eba47c23c940212d.txt',29,'取組（担当課）');
INSERT INTO "measure" VALUES(11,1,10,'認知症カフェの開催を支援',NULL,'認知症カフェの開催を支援',NULL,NULL,NULL,'002_eba47c23c940212d.txt',30,'取組（担当課）');
INSERT INTO "measure" VALUES(12,1,11,'いじめ防止キャンペーン',NULL,'いじめ防止キャンペーン',NULL,NULL,NULL,'002_eba47c23c940212d.txt',34,'取組（担当課）');
INSERT INTO "measure" VALUES(13,1,12,'スクールカウンセラーの配置',NULL,'スクールカウンセラーの配置',NULL,NULL,NULL,'002_eba47c23c940212d.txt',35,'取組（担当課）');
INSERT INTO "measure" VALUES(14,1,13,'小・中学校、高等学校での健康教育',NULL,'小・中学校、高等学校での健康教育',NULL,NULL,NULL,'002_eba47c23c940212d.txt',36,'取組（担当課）');
INSERT INTO "measure" VALUES(15,1,14,'介護予防サポーター養成事業',NULL,'介護予防サポーター養成事業',NULL,NULL,NULL,'002_eba47c23c940212d.txt',42,'取組（担当課）');
INSERT INTO "measure" VALUES(16,1,15,'地域住民グループ支援事業',NULL,'地域住民グループ支援事業',NULL,NULL,NULL,'002_eba47c23c940212d.txt',43,'取組（担当課）');
INSERT INTO "measure" VALUES(17,1,16,'地域包括支援センター運営事業',NULL,'地域包括支援センター運営事業',NULL,NULL,NULL,'002_eba47c23c940212d.txt',44,'取組（担当課）');
INSERT INTO "measure" VALUES(18,1,17,'生活困窮者自立支援事業(自立相談支援事業)',NULL,'生活困窮者自立支援事業 (自立相談支援事業)',NULL,NULL,NULL,'002_eba47c23c940212d.txt',48,'取組（担当課）');
INSERT INTO "measure" VALUES(19,1,18,'生活困窮者自立支援事業(就労準備支援事業)',NULL,'生活困窮者自立支援事業 (就労準備支援事業)',NULL,NULL,NULL,'002_eba47c23c940212d.txt',49,'取組（担当課）');
INSERT INTO "measure" VALUES(20,1,19,'各種相談業務',NULL,'各種相談業務',NULL,NULL,NULL,'002_eba47c23c940212d.txt',54,'取組（担当課）');
INSERT INTO "measure" VALUES(21,3,0,'1-(1)','(1)','成年後見制度に関する相談対応及び申立支援',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',766,NULL);
INSERT INTO "measure" VALUES(22,3,1,'1-(2)','(2)','成年後見制度の普及・啓発に関すること',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',767,NULL);
INSERT INTO "measure" VALUES(23,3,2,'1-(3)','(3)','市民後見に関すること',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',768,NULL);
INSERT INTO "measure" VALUES(24,3,3,'1-(4)','(4)','関係機関との連携体制の構築',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',769,NULL);
INSERT INTO "measure" VALUES(25,3,4,'2-(1)','(1)','市長申立て',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',773,NULL);
INSERT INTO "measure" VALUES(26,3,5,'2-(2)','(2)','報酬助成',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',774,NULL);
INSERT INTO "measure" VALUES(27,4,0,'取組方針①','①','就労の確保支援',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',870,NULL);
INSERT INTO "measure" VALUES(28,4,1,'取組方針②','②','住居の確保支援',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',871,NULL);
INSERT INTO "measure" VALUES(29,4,2,'取組方針③','③','学校と連携した学び、就学支援の充実',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',872,NULL);
INSERT INTO "measure" VALUES(30,4,3,'取組方針④','④','保健医療・福祉サービスの利用の促進',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',873,NULL);
INSERT INTO "measure" VALUES(31,4,4,'取組方針⑤','⑤','民間協力者の活動の促進',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',874,NULL);
INSERT INTO "measure" VALUES(32,4,5,'取組方針⑥','⑥','広報・啓発活動の推進',NULL,NULL,NULL,'004_052cf2803b6d324c.txt',875,NULL);
CREATE TABLE municipality (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    -- 全国地方公共団体コード; one row per (name, code) as plans state them.
    code TEXT
);
INSERT INTO "municipality" VALUES(1,'小樽市',NULL);
INSERT INTO "municipality" VALUES(2,'川口市',NULL);
CREATE TABLE narrative (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);
INSERT INTO "narrative" VALUES(1,2,0,'目次','川口市地域共生社会推進計画について 1
計画の位置づけと進行管理 2
計画の概要 3
川口市地域共生社会推進計画の施策体系 4
基本目標の達成状況について 5
基本目標 1 包括的な支援体制の整備及び充実 6
基本目標 2 高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展 8
基本目標 3 障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち 11
基本目標 4 生活困窮状態からの早期自立に向けた体制の整備 14
基本目標 5 全ての子どもが健やかに成長できる体制づくり 16
基本目標達成のための施策の達成状況について 19
川口市成年後見制度利用促進計画について 33
計画の概要 34
取組内容 35
川口市再犯防止推進計画について 38
計画の概要 39
取組方針 40','004_052cf2803b6d324c.txt',24,NULL);
INSERT INTO "narrative" VALUES(2,2,1,'基本目標2 の施策の評価','「基本目標 2 高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展」における各施策については「第 9 期川口市高齢者福祉計画・介護保険事業計画」と連動していることから、川口市介護保険運営協議会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',412,'施策一覧');
INSERT INTO "narrative" VALUES(3,2,2,'基本目標3 の施策の評価','「基本目標 3 障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち」における各施策については「川口市障害者福祉計画（令和 6～11 年度）・第 7 期川口市障害者自立支援福祉計画（令和 6～8 年度）・第 3 期川口市障害児福祉計画（令和 6～8 年度）」と連動していることから、川口市社会福祉審議会障害者福祉専門分科会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',413,'施策一覧');
INSERT INTO "narrative" VALUES(4,2,3,'基本目標5 の施策の評価','「基本目標 5 全ての子どもが健やかに成長できる体制づくり」における各施策については「第 2 期川口市子ども・子育て支援事業計画」と連動していることから、川口市社会福祉審議会児童福祉専門分科会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',415,'施策一覧');
INSERT INTO "narrative" VALUES(5,2,4,'令和 7 年 3 月','','004_052cf2803b6d324c.txt',7,NULL);
INSERT INTO "narrative" VALUES(6,2,5,'川 口 市','','004_052cf2803b6d324c.txt',8,NULL);
INSERT INTO "narrative" VALUES(7,2,6,'目的','本報告書は、令和6年3月に策定した川口市地域共生社会推進計画に基づく評価報告書として作成したもので、当該計画の体系をベースに、基本目標及び施策単位での目標達成状況と課題を報告するものです。','004_052cf2803b6d324c.txt',10,NULL);
INSERT INTO "narrative" VALUES(8,2,7,'川口市地域共生社会推進計画','本計画に基づく施策の進捗状況を把握するとともに、本計画全体の成果についても点検・評価することが重要であることから、EBPM（証拠に基づく政策立案）に基づき、計画（Plan）→実行（Do）→評価（Check）→改善（Action）のPDCAサイクルによる継続的な改善を図りながら推進していきます。
本報告書はこのサイクルの評価（Check）を目的としています。','004_052cf2803b6d324c.txt',14,NULL);
INSERT INTO "narrative" VALUES(9,2,8,'報告対象期間','','004_052cf2803b6d324c.txt',20,NULL);
INSERT INTO "narrative" VALUES(10,2,9,'令和6年度（令和6年4月1日～令和7年3月31日）','','004_052cf2803b6d324c.txt',22,NULL);
INSERT INTO "narrative" VALUES(11,2,10,'川口市地域共生社会推進計画','','004_052cf2803b6d324c.txt',47,NULL);
INSERT INTO "narrative" VALUES(12,2,11,'について','','004_052cf2803b6d324c.txt',49,NULL);
INSERT INTO "narrative" VALUES(13,2,12,'計画の位置づけと進行管理','','004_052cf2803b6d324c.txt',51,NULL);
INSERT INTO "narrative" VALUES(14,2,13,'位置づけ','- ① 社会福祉法第106条の3
⇒ 包括的な支援体制の整備
- ② 社会福祉法第106条の4、5
⇒ 重層的支援体制整備事業の実施及び実施計画
- ③ 社会福祉法第107条
⇒ 地域福祉の推進に関する事項
(市町村地域福祉計画)
- ④ 「地域共生社会の実現に向けた地域福祉の推進について」の改正について
(令和3年3月31日付け)に記載のある事項
- ⑤ 再犯の防止等の推進に関する法律第8条第1項
⇒ 再犯の防止等に関する施策の推進に関する事項
(地方再犯防止推進計画)
- ⑥ 成年後見制度の利用の促進に関する法律第14条第1項
⇒ 成年後見制度の利用の促進に関する事項
(成年後見制度利用促進基本計画)','004_052cf2803b6d324c.txt',53,NULL);
INSERT INTO "narrative" VALUES(15,2,14,'川口市社会福祉審議会 地域福祉専門分科会','地域福祉に関する事項や川口市地域共生社会推進計画の策定や推進に関する事項を調査審議し、その結果を市長に提言します。','004_052cf2803b6d324c.txt',74,NULL);
INSERT INTO "narrative" VALUES(16,2,15,'進行管理','','004_052cf2803b6d324c.txt',78,NULL);
INSERT INTO "narrative" VALUES(17,2,16,'本計画に基づく施策の進捗','状況を把握するとともに、本計画全体の成果についても点検・評価することが重要であることから、PDCAサイクルによる継続的な改善を図りながら推進していきます。','004_052cf2803b6d324c.txt',80,NULL);
INSERT INTO "narrative" VALUES(18,2,17,'計画の概要','','004_052cf2803b6d324c.txt',86,NULL);
INSERT INTO "narrative" VALUES(19,2,18,'川口市地域共生社会推進計画','','004_052cf2803b6d324c.txt',88,NULL);
INSERT INTO "narrative" VALUES(20,2,19,'■ 計画の目的','社会福祉法（昭和二十六年法律第 45 号）第 107 条を根拠とし、地域福祉の推進を図ることを目的としています。','004_052cf2803b6d324c.txt',90,NULL);
INSERT INTO "narrative" VALUES(21,2,20,'社会福祉法第 107 条','1. 地域における高齢者の福祉、障害者の福祉、児童の福祉その他の福祉に関し、共通して取り組むべき事項
2. 地域における福祉サービスの適切な利用の推進に関する事項
3. 地域における社会福祉を目的とする事業の健全な発達に関する事項
4. 地域福祉に関する活動への住民の参加の促進に関する事項
5. 地域生活課題の解決に資する支援が包括的に提供される体制の整備に関する事項','004_052cf2803b6d324c.txt',94,NULL);
INSERT INTO "narrative" VALUES(22,2,21,'■ 評価指標の設定','本計画では、社会情勢等を踏まえた機動的な施策の見直しを行うために基本目標と施策に定量的な目標（K P I：重要業績評価指標）を設定します。また、評価は目標に対する達成度合に応じて客観的に評価したうえで、その結果を川口市社会福祉審議会地域福祉専門分科会に毎年度報告します。
なお、目標に対する達成度合に応じて、次のとおり、S・A・B・C・Dの5段階で評価を実施します。','004_052cf2803b6d324c.txt',114,NULL);
INSERT INTO "narrative" VALUES(23,2,22,'施策体系','','004_052cf2803b6d324c.txt',128,NULL);
INSERT INTO "narrative" VALUES(24,2,23,'基本目標の達成状況 について','','004_052cf2803b6d324c.txt',144,NULL);
INSERT INTO "narrative" VALUES(25,2,24,'','基本目標を達成するための施策を掲載しています。','004_052cf2803b6d324c.txt',409,NULL);
INSERT INTO "narrative" VALUES(26,2,25,'','「基本目標 2 高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展」における各施策については「第 9 期川口市高齢者福祉計画・介護保険事業計画」と連動していることから、川口市介護保険運営協議会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',591,NULL);
INSERT INTO "narrative" VALUES(27,2,26,'','「基本目標 3 障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち」における各施策については「川口市障害者福祉計画（令和 6～11 年度）・第 7 期川口市障害者自立支援福祉計画（令和 6～8 年度）・第 3 期川口市障害児福祉計画（令和 6～8 年度）」と連動していることから、川口市社会福祉審議会障害者福祉専門分科会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',597,NULL);
INSERT INTO "narrative" VALUES(28,2,27,'','「基本目標 5 全ての子どもが健やかに成長できる体制づくり」における各施策については「第 2 期川口市子ども・子育て支援事業計画」と連動していることから、川口市社会福祉審議会児童福祉専門分科会において評価をするため割愛いたします。','004_052cf2803b6d324c.txt',709,NULL);
INSERT INTO "narrative" VALUES(29,2,28,'編集・発行','編集・発行 川口市 福祉部 福祉総務課
発行日 令和 7 年 11 月
所在地 〒332-8601 埼玉県川口市青木 2 丁目 1 番 1 号
電話 048-259-7929
FAX 048-255-3188
メール 083.01000@city.kawaguchi.saitama.jp','004_052cf2803b6d324c.txt',918,NULL);
INSERT INTO "narrative" VALUES(30,3,0,'計画の概要','','004_052cf2803b6d324c.txt',717,NULL);
INSERT INTO "narrative" VALUES(31,3,1,'■ 計画の位置づけ','成年後見制度の利用の促進に関する法律第14条第1項に定める市町村成年後見制度利用促進基本計画として位置づけられるもの。','004_052cf2803b6d324c.txt',721,NULL);
INSERT INTO "narrative" VALUES(32,3,2,'成年後見制度の利用の促進に関する法律第14条第1項','市町村は、成年後見制度利用促進基本計画を勘案して、当該市町村の区域における成年後見制度の利用の促進に関する施策についての基本的な計画を定めるよう努めるとともに、成年後見等実施機関の設立等に係る支援その他の必要な措置を講ずるよう努めるものとする。','004_052cf2803b6d324c.txt',725,NULL);
INSERT INTO "narrative" VALUES(33,3,3,'■ 国の成年後見制度利用促進基本計画の3つの基本方針','','004_052cf2803b6d324c.txt',741,NULL);
INSERT INTO "narrative" VALUES(34,3,4,'①地域共生社会の実現に向けた権利擁護支援の推進','- 単に制度利用者の増加を目的とするのではなく、どの地域においても制度利用を必要とする人が尊厳のある本人らしい生活を継続することができる体制を目指す
- 本人を中心とした支援・活動における共通基盤となる考え方として「権利擁護支援」を位置づけ、権利擁護支援の地域連携ネットワークの一層の充実を図る','004_052cf2803b6d324c.txt',743,NULL);
INSERT INTO "narrative" VALUES(35,3,5,'②尊厳のある本人らしい生活を継続できるようにするための成年後見制度の運用改善','- 本人の自己決定権を尊重し、意思決定支援・身上保護も重視した制度の運用を図る
- 本人にとっての制度利用の必要性や制度以外の権利擁護支援による対応の可能性を考慮した上で、適切に制度が利用されるよう連携体制等を整備すること
- 成年後見制度以外の権利擁護支援策を総合的に充実すること
- 任意後見制度や補助・保佐類型が利用される取組を進めること
- 不正防止等の方策を推進すること','004_052cf2803b6d324c.txt',748,NULL);
INSERT INTO "narrative" VALUES(36,3,6,'③司法による権利擁護支援などを身近なものにするしくみづくり','- 福祉と司法の連携強化を図る','004_052cf2803b6d324c.txt',756,NULL);
INSERT INTO "narrative" VALUES(37,3,7,'','計画期間中の取組内容を掲載しています。','004_052cf2803b6d324c.txt',762,NULL);
INSERT INTO "narrative" VALUES(38,4,0,'計画の概要','','004_052cf2803b6d324c.txt',820,NULL);
INSERT INTO "narrative" VALUES(39,4,1,'■ 計画の位置づけ','再犯の防止等の推進に関する法律第 8 条第 1 項に定める地方再犯防止推進計画として位置づけられるもの。','004_052cf2803b6d324c.txt',824,NULL);
INSERT INTO "narrative" VALUES(40,4,2,'再犯の防止等の推進に関する法律第 8 条第 1 項','都道府県及び市町村は、再犯防止推進計画を勘案して、当該都道府県又は市町村における再犯の防止等に関する施策の推進に関する計画を定めるよう努めなければならない。','004_052cf2803b6d324c.txt',828,NULL);
INSERT INTO "narrative" VALUES(41,4,3,'■ 国の再犯防止推進計画の 5 つの基本方針','','004_052cf2803b6d324c.txt',844,NULL);
INSERT INTO "narrative" VALUES(42,4,4,'①国・地方・民間の緊密な連携協力の確保','犯罪をした者等が、多様化が進む社会において孤立することなく、再び社会を構成する一員となることができるよう、あらゆる者と共に歩む「誰一人取り残さない」社会の実現に向け、関係行政機関が相互に緊密な連携をしつつ、地方公共団体・民間の団体その他の関係者との緊密な連携協力を確保し、再犯の防止等に関する施策を総合的に推進すること。','004_052cf2803b6d324c.txt',846,NULL);
INSERT INTO "narrative" VALUES(43,4,5,'②切れ目のない指導及び支援の実施','犯罪をした者等が、その特性に応じ、刑事司法手続のあらゆる段階において、切れ目なく、再犯を防止するために必要な指導及び支援を受けられるようにすること。','004_052cf2803b6d324c.txt',850,NULL);
INSERT INTO "narrative" VALUES(44,4,6,'③犯罪被害者等の存在を十分に認識して実施','再犯の防止等に関する施策は、生命を奪われる、身体的・精神的苦痛を負わされる、あるいは財産的被害を負わされるといった被害に加え、それらに劣らぬ事後的な精神的苦痛・不安にさいなまれる犯罪被害者等が存在することを十分に認識して行うとともに、犯罪をした者等が、犯罪の責任等を自覚し、犯罪被害者の心情等を理解し、自ら社会復帰のために努力することの重要性を踏まえて行うこと。','004_052cf2803b6d324c.txt',854,NULL);
INSERT INTO "narrative" VALUES(45,4,7,'④社会情勢等に応じた効果的な施策の実施','再犯の防止等に関する施策は、犯罪及び非行の実態、効果検証及び調査研究の成果等を踏まえ、必要に応じて再犯の防止等に関する活動を行う民間の団体その他の関係者から意見聴取するなどして見直しを行い、社会情勢等に応じた効果的なものとする。','004_052cf2803b6d324c.txt',858,NULL);
INSERT INTO "narrative" VALUES(46,4,8,'⑤広報等による国民の関心と理解の醸成','国民にとって再犯の防止等に関する施策は身近なものではないという現状を十分に認識し、更生の意欲を有する犯罪をした者等が、責任ある社会の構成員として受け入れられるよう、再犯の防止等に関する取組を、分かりやすく効果的に広報するなどして、広く国民の関心と理解が得られるものとしていくこと。','004_052cf2803b6d324c.txt',862,NULL);
INSERT INTO "narrative" VALUES(47,4,9,'','計画期間中の取組方針を掲載しています。','004_052cf2803b6d324c.txt',868,NULL);
CREATE TABLE observation (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('baseline', 'target', 'actual')),
    position INTEGER NOT NULL,
    fiscal_year INTEGER,
    -- Value: number / text / not_yet_available / blank.
    value_type TEXT NOT NULL,
    value_number REAL,
    value_text TEXT,
    original TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, role, position),
    CHECK (role <> 'baseline' OR position = 0),
    CHECK ((value_type = 'number') = (value_number IS NOT NULL)),
    CHECK ((value_type = 'text') = (value_text IS NOT NULL))
);
INSERT INTO "observation" VALUES(1,'baseline',0,2023,'text',NULL,'①13.9% ②3.0% ③3.5%','①13.9% ②3.0% ③3.5%','004_052cf2803b6d324c.txt',154,'現状 R5');
INSERT INTO "observation" VALUES(1,'target',0,2024,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',154,'目標 R6');
INSERT INTO "observation" VALUES(1,'target',1,2025,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',154,'目標 R7');
INSERT INTO "observation" VALUES(1,'target',2,2026,'text',NULL,'前回調査より減少','前回調査より減少','004_052cf2803b6d324c.txt',154,'目標 R8');
INSERT INTO "observation" VALUES(1,'target',3,2024,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',160,'目標 (R6)');
INSERT INTO "observation" VALUES(1,'actual',0,2024,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',154,'実績 R6');
INSERT INTO "observation" VALUES(1,'actual',1,2024,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',160,'実績');
INSERT INTO "observation" VALUES(2,'baseline',0,2023,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',155,'現状 R5');
INSERT INTO "observation" VALUES(2,'target',0,2024,'number',34.0,NULL,'34件','004_052cf2803b6d324c.txt',155,'目標 R6');
INSERT INTO "observation" VALUES(2,'target',1,2025,'number',68.0,NULL,'68件','004_052cf2803b6d324c.txt',155,'目標 R7');
INSERT INTO "observation" VALUES(2,'target',2,2026,'number',136.0,NULL,'136件','004_052cf2803b6d324c.txt',155,'目標 R8');
INSERT INTO "observation" VALUES(2,'target',3,2024,'number',34.0,NULL,'34件','004_052cf2803b6d324c.txt',164,'目標 (R6)');
INSERT INTO "observation" VALUES(2,'actual',0,2024,'number',41.0,NULL,'41件','004_052cf2803b6d324c.txt',155,'実績 R6');
INSERT INTO "observation" VALUES(2,'actual',1,2024,'number',41.0,NULL,'41件','004_052cf2803b6d324c.txt',164,'実績');
INSERT INTO "observation" VALUES(3,'baseline',0,2023,'number',1.0,NULL,'1人','004_052cf2803b6d324c.txt',156,'現状 R5');
INSERT INTO "observation" VALUES(3,'target',0,2024,'number',3.0,NULL,'3人','004_052cf2803b6d324c.txt',156,'目標 R6');
INSERT INTO "observation" VALUES(3,'target',1,2025,'number',4.0,NULL,'4人','004_052cf2803b6d324c.txt',156,'目標 R7');
INSERT INTO "observation" VALUES(3,'target',2,2026,'number',5.0,NULL,'5人','004_052cf2803b6d324c.txt',156,'目標 R8');
INSERT INTO "observation" VALUES(3,'target',3,2024,'number',3.0,NULL,'3人','004_052cf2803b6d324c.txt',168,'目標 (R6)');
INSERT INTO "observation" VALUES(3,'actual',0,2024,'number',3.0,NULL,'3人','004_052cf2803b6d324c.txt',156,'実績 R6');
INSERT INTO "observation" VALUES(3,'actual',1,2024,'number',3.0,NULL,'3人','004_052cf2803b6d324c.txt',168,'実績');
INSERT INTO "observation" VALUES(4,'baseline',0,2023,'number',32.0,NULL,'32か所','004_052cf2803b6d324c.txt',157,'現状 R5');
INSERT INTO "observation" VALUES(4,'target',0,2024,'number',52.0,NULL,'52か所','004_052cf2803b6d324c.txt',157,'目標 R6');
INSERT INTO "observation" VALUES(4,'target',1,2025,'number',72.0,NULL,'72か所','004_052cf2803b6d324c.txt',157,'目標 R7');
INSERT INTO "observation" VALUES(4,'target',2,2026,'number',92.0,NULL,'92か所','004_052cf2803b6d324c.txt',157,'目標 R8');
INSERT INTO "observation" VALUES(4,'target',3,2024,'number',52.0,NULL,'52か所','004_052cf2803b6d324c.txt',172,'目標 (R6)');
INSERT INTO "observation" VALUES(4,'actual',0,2024,'number',46.0,NULL,'46か所','004_052cf2803b6d324c.txt',157,'実績 R6');
INSERT INTO "observation" VALUES(4,'actual',1,2024,'number',46.0,NULL,'46か所','004_052cf2803b6d324c.txt',172,'実績');
INSERT INTO "observation" VALUES(5,'baseline',0,2023,'number',55.0,NULL,'55.0%','004_052cf2803b6d324c.txt',205,'現状 R5');
INSERT INTO "observation" VALUES(5,'target',0,2024,'number',58.0,NULL,'58.0%','004_052cf2803b6d324c.txt',205,'目標 R6');
INSERT INTO "observation" VALUES(5,'target',1,2025,'number',61.0,NULL,'61.0%','004_052cf2803b6d324c.txt',205,'目標 R7');
INSERT INTO "observation" VALUES(5,'target',2,2026,'number',65.0,NULL,'65.0%','004_052cf2803b6d324c.txt',205,'目標 R8');
INSERT INTO "observation" VALUES(5,'target',3,2024,'number',58.0,NULL,'58.0%','004_052cf2803b6d324c.txt',214,'目標 (R 6)');
INSERT INTO "observation" VALUES(5,'actual',0,2024,'number',58.4,NULL,'58.4%','004_052cf2803b6d324c.txt',205,'実績 R6');
INSERT INTO "observation" VALUES(5,'actual',1,2024,'number',58.4,NULL,'58.4%','004_052cf2803b6d324c.txt',214,'実績');
INSERT INTO "observation" VALUES(6,'baseline',0,2023,'number',50.4,NULL,'50.4%','004_052cf2803b6d324c.txt',206,'現状 R5');
INSERT INTO "observation" VALUES(6,'target',0,2024,'number',53.7,NULL,'53.7%','004_052cf2803b6d324c.txt',206,'目標 R6');
INSERT INTO "observation" VALUES(6,'target',1,2025,'number',57.0,NULL,'57.0%','004_052cf2803b6d324c.txt',206,'目標 R7');
INSERT INTO "observation" VALUES(6,'target',2,2026,'number',60.0,NULL,'60.0%','004_052cf2803b6d324c.txt',206,'目標 R8');
INSERT INTO "observation" VALUES(6,'target',3,2024,'number',53.7,NULL,'53.7%','004_052cf2803b6d324c.txt',218,'目標 (R 6)');
INSERT INTO "observation" VALUES(6,'actual',0,2024,'number',52.1,NULL,'52.1%','004_052cf2803b6d324c.txt',206,'実績 R6');
INSERT INTO "observation" VALUES(6,'actual',1,2024,'number',52.1,NULL,'52.1%','004_052cf2803b6d324c.txt',218,'実績');
INSERT INTO "observation" VALUES(7,'baseline',0,2023,'number',39.4,NULL,'39.4%','004_052cf2803b6d324c.txt',207,'現状 R5');
INSERT INTO "observation" VALUES(7,'target',0,2024,'number',42.7,NULL,'42.7%','004_052cf2803b6d324c.txt',207,'目標 R6');
INSERT INTO "observation" VALUES(7,'target',1,2025,'number',46.0,NULL,'46.0%','004_052cf2803b6d324c.txt',207,'目標 R7');
INSERT INTO "observation" VALUES(7,'target',2,2026,'number',50.0,NULL,'50.0%','004_052cf2803b6d324c.txt',207,'目標 R8');
INSERT INTO "observation" VALUES(7,'target',3,2024,'number',42.7,NULL,'42.7%','004_052cf2803b6d324c.txt',222,'目標 (R6)');
INSERT INTO "observation" VALUES(7,'actual',0,2024,'number',50.5,NULL,'50.5%','004_052cf2803b6d324c.txt',207,'実績 R6');
INSERT INTO "observation" VALUES(7,'actual',1,2024,'number',50.5,NULL,'50.5%','004_052cf2803b6d324c.txt',222,'実績');
INSERT INTO "observation" VALUES(8,'baseline',0,2023,'number',12.0,NULL,'12%','004_052cf2803b6d324c.txt',208,'現状 R5');
INSERT INTO "observation" VALUES(8,'target',0,2024,'number',12.0,NULL,'12%','004_052cf2803b6d324c.txt',208,'目標 R6');
INSERT INTO "observation" VALUES(8,'target',1,2025,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',208,'目標 R7');
INSERT INTO "observation" VALUES(8,'target',2,2026,'number',14.0,NULL,'14%','004_052cf2803b6d324c.txt',208,'目標 R8');
INSERT INTO "observation" VALUES(8,'target',3,2024,'number',12.0,NULL,'12%','004_052cf2803b6d324c.txt',226,'目標 (R6)');
INSERT INTO "observation" VALUES(8,'actual',0,2024,'number',11.1,NULL,'11.1%','004_052cf2803b6d324c.txt',208,'実績 R6');
INSERT INTO "observation" VALUES(8,'actual',1,2024,'number',11.4,NULL,'11.4%','004_052cf2803b6d324c.txt',226,'実績');
INSERT INTO "observation" VALUES(9,'baseline',0,2023,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',209,'現状 R5');
INSERT INTO "observation" VALUES(9,'target',0,2024,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',209,'目標 R6');
INSERT INTO "observation" VALUES(9,'target',1,2025,'number',12.0,NULL,'12%','004_052cf2803b6d324c.txt',209,'目標 R7');
INSERT INTO "observation" VALUES(9,'target',2,2026,'number',11.0,NULL,'11%','004_052cf2803b6d324c.txt',209,'目標 R8');
INSERT INTO "observation" VALUES(9,'target',3,2024,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',230,'目標 (R6)');
INSERT INTO "observation" VALUES(9,'actual',0,2024,'number',12.9,NULL,'12.9%','004_052cf2803b6d324c.txt',209,'実績 R6');
INSERT INTO "observation" VALUES(9,'actual',1,2024,'number',12.9,NULL,'12.9%','004_052cf2803b6d324c.txt',230,'実績');
INSERT INTO "observation" VALUES(10,'baseline',0,2023,'number',50.0,NULL,'50.0%','004_052cf2803b6d324c.txt',210,'現状 R5');
INSERT INTO "observation" VALUES(10,'target',0,2024,'number',60.0,NULL,'60.0%','004_052cf2803b6d324c.txt',210,'目標 R6');
INSERT INTO "observation" VALUES(10,'target',1,2025,'number',70.0,NULL,'70.0%','004_052cf2803b6d324c.txt',210,'目標 R7');
INSERT INTO "observation" VALUES(10,'target',2,2026,'number',80.0,NULL,'80.0%','004_052cf2803b6d324c.txt',210,'目標 R8');
INSERT INTO "observation" VALUES(10,'target',3,2024,'number',60.0,NULL,'60.0%','004_052cf2803b6d324c.txt',234,'目標 (R6)');
INSERT INTO "observation" VALUES(10,'actual',0,2024,'number',35.3,NULL,'35.3%','004_052cf2803b6d324c.txt',210,'実績 R6');
INSERT INTO "observation" VALUES(10,'actual',1,2024,'number',35.3,NULL,'35.3%','004_052cf2803b6d324c.txt',234,'実績');
INSERT INTO "observation" VALUES(11,'baseline',0,2023,'number',27.2,NULL,'27.2%','004_052cf2803b6d324c.txt',211,'現状 R5');
INSERT INTO "observation" VALUES(11,'target',0,2024,'number',31.2,NULL,'31.2%','004_052cf2803b6d324c.txt',211,'目標 R6');
INSERT INTO "observation" VALUES(11,'target',1,2025,'number',35.2,NULL,'35.2%','004_052cf2803b6d324c.txt',211,'目標 R7');
INSERT INTO "observation" VALUES(11,'target',2,2026,'number',40.0,NULL,'40.0%','004_052cf2803b6d324c.txt',211,'目標 R8');
INSERT INTO "observation" VALUES(11,'target',3,2024,'number',31.2,NULL,'31.2%','004_052cf2803b6d324c.txt',239,'目標 (R6)');
INSERT INTO "observation" VALUES(11,'actual',0,2024,'number',36.5,NULL,'36.5%','004_052cf2803b6d324c.txt',211,'実績 R6');
INSERT INTO "observation" VALUES(11,'actual',1,2024,'number',36.5,NULL,'36.5%','004_052cf2803b6d324c.txt',239,'実績');
INSERT INTO "observation" VALUES(12,'baseline',0,2023,'number',45.9,NULL,'45.9%','004_052cf2803b6d324c.txt',266,'現状 R5');
INSERT INTO "observation" VALUES(12,'target',0,2024,'number',49.9,NULL,'49.9%','004_052cf2803b6d324c.txt',266,'目標 R6');
INSERT INTO "observation" VALUES(12,'target',1,2025,'number',53.9,NULL,'53.9%','004_052cf2803b6d324c.txt',266,'目標 R7');
INSERT INTO "observation" VALUES(12,'target',2,2026,'number',58.0,NULL,'58.0%','004_052cf2803b6d324c.txt',266,'目標 R8');
INSERT INTO "observation" VALUES(12,'target',3,2024,'number',49.9,NULL,'49.9%','004_052cf2803b6d324c.txt',274,'目標 (R6)');
INSERT INTO "observation" VALUES(12,'actual',0,2024,'number',57.0,NULL,'57.0%','004_052cf2803b6d324c.txt',266,'実績 R6');
INSERT INTO "observation" VALUES(12,'actual',1,2024,'number',57.0,NULL,'57.0%','004_052cf2803b6d324c.txt',274,'実績');
INSERT INTO "observation" VALUES(13,'baseline',0,2023,'number',56.6,NULL,'56.6%','004_052cf2803b6d324c.txt',267,'現状 R5');
INSERT INTO "observation" VALUES(13,'target',0,2024,'number',58.8,NULL,'58.8%','004_052cf2803b6d324c.txt',267,'目標 R6');
INSERT INTO "observation" VALUES(13,'target',1,2025,'number',61.1,NULL,'61.1%','004_052cf2803b6d324c.txt',267,'目標 R7');
INSERT INTO "observation" VALUES(13,'target',2,2026,'number',63.3,NULL,'63.3%','004_052cf2803b6d324c.txt',267,'目標 R8');
INSERT INTO "observation" VALUES(13,'target',3,2024,'number',58.8,NULL,'58.8%','004_052cf2803b6d324c.txt',278,'目標 (R6)');
INSERT INTO "observation" VALUES(13,'actual',0,2024,'number',38.0,NULL,'38.0%','004_052cf2803b6d324c.txt',267,'実績 R6');
INSERT INTO "observation" VALUES(13,'actual',1,2024,'number',38.0,NULL,'38.0%','004_052cf2803b6d324c.txt',278,'実績');
INSERT INTO "observation" VALUES(14,'baseline',0,2023,'number',47.7,NULL,'47.7%','004_052cf2803b6d324c.txt',268,'現状 R5');
INSERT INTO "observation" VALUES(14,'target',0,2024,'number',51.4,NULL,'51.4%','004_052cf2803b6d324c.txt',268,'目標 R6');
INSERT INTO "observation" VALUES(14,'target',1,2025,'number',55.1,NULL,'55.1%','004_052cf2803b6d324c.txt',268,'目標 R7');
INSERT INTO "observation" VALUES(14,'target',2,2026,'number',58.9,NULL,'58.9%','004_052cf2803b6d324c.txt',268,'目標 R8');
INSERT INTO "observation" VALUES(14,'target',3,2024,'number',51.4,NULL,'51.4%','004_052cf2803b6d324c.txt',282,'目標 (R6)');
INSERT INTO "observation" VALUES(14,'actual',0,2024,'number',37.9,NULL,'37.9%','004_052cf2803b6d324c.txt',268,'実績 R6');
INSERT INTO "observation" VALUES(14,'actual',1,2024,'number',37.9,NULL,'37.9%','004_052cf2803b6d324c.txt',282,'実績');
INSERT INTO "observation" VALUES(15,'baseline',0,2023,'number',32.7,NULL,'32.7%','004_052cf2803b6d324c.txt',269,'現状 R5');
INSERT INTO "observation" VALUES(15,'target',0,2024,'number',38.9,NULL,'38.9%','004_052cf2803b6d324c.txt',269,'目標 R6');
INSERT INTO "observation" VALUES(15,'target',1,2025,'number',45.1,NULL,'45.1%','004_052cf2803b6d324c.txt',269,'目標 R7');
INSERT INTO "observation" VALUES(15,'target',2,2026,'number',51.4,NULL,'51.4%','004_052cf2803b6d324c.txt',269,'目標 R8');
INSERT INTO "observation" VALUES(15,'target',3,2024,'number',38.9,NULL,'38.9%','004_052cf2803b6d324c.txt',286,'目標 (R6)');
INSERT INTO "observation" VALUES(15,'actual',0,2024,'number',33.8,NULL,'33.8%','004_052cf2803b6d324c.txt',269,'実績 R6');
INSERT INTO "observation" VALUES(15,'actual',1,2024,'number',33.8,NULL,'33.8%','004_052cf2803b6d324c.txt',286,'実績');
INSERT INTO "observation" VALUES(16,'baseline',0,2023,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',270,'現状 R5');
INSERT INTO "observation" VALUES(16,'target',0,2024,'number',54.3,NULL,'54.3%','004_052cf2803b6d324c.txt',270,'目標 R6');
INSERT INTO "observation" VALUES(16,'target',1,2025,'number',57.5,NULL,'57.5%','004_052cf2803b6d324c.txt',270,'目標 R7');
INSERT INTO "observation" VALUES(16,'target',2,2026,'number',60.6,NULL,'60.6%','004_052cf2803b6d324c.txt',270,'目標 R8');
INSERT INTO "observation" VALUES(16,'target',3,2024,'number',54.3,NULL,'54.3%','004_052cf2803b6d324c.txt',290,'目標 (R6)');
INSERT INTO "observation" VALUES(16,'actual',0,2024,'number',49.2,NULL,'49.2%','004_052cf2803b6d324c.txt',270,'実績 R6');
INSERT INTO "observation" VALUES(16,'actual',1,2024,'number',49.2,NULL,'49.2%','004_052cf2803b6d324c.txt',290,'実績');
INSERT INTO "observation" VALUES(17,'baseline',0,2023,'number',33.3,NULL,'33.3%','004_052cf2803b6d324c.txt',271,'現状 R5');
INSERT INTO "observation" VALUES(17,'target',0,2024,'number',37.8,NULL,'37.8%','004_052cf2803b6d324c.txt',271,'目標 R6');
INSERT INTO "observation" VALUES(17,'target',1,2025,'number',42.2,NULL,'42.2%','004_052cf2803b6d324c.txt',271,'目標 R7');
INSERT INTO "observation" VALUES(17,'target',2,2026,'number',46.7,NULL,'46.7%','004_052cf2803b6d324c.txt',271,'目標 R8');
INSERT INTO "observation" VALUES(17,'target',3,2024,'number',37.8,NULL,'37.8%','004_052cf2803b6d324c.txt',294,'目標 (R6)');
INSERT INTO "observation" VALUES(17,'actual',0,2024,'number',58.1,NULL,'58.1%','004_052cf2803b6d324c.txt',271,'実績 R6');
INSERT INTO "observation" VALUES(17,'actual',1,2024,'number',58.1,NULL,'58.1%','004_052cf2803b6d324c.txt',294,'実績');
INSERT INTO "observation" VALUES(18,'baseline',0,2023,'number',135.0,NULL,'135 人','004_052cf2803b6d324c.txt',326,'現状 R5');
INSERT INTO "observation" VALUES(18,'target',0,2024,'number',329.0,NULL,'329 人','004_052cf2803b6d324c.txt',326,'目標 R6');
INSERT INTO "observation" VALUES(18,'target',1,2025,'number',437.0,NULL,'437 人','004_052cf2803b6d324c.txt',326,'目標 R7');
INSERT INTO "observation" VALUES(18,'target',2,2026,'number',437.0,NULL,'437 人','004_052cf2803b6d324c.txt',326,'目標 R8');
INSERT INTO "observation" VALUES(18,'target',3,2024,'number',329.0,NULL,'329 人','004_052cf2803b6d324c.txt',331,'目標 (R 6)');
INSERT INTO "observation" VALUES(18,'actual',0,2024,'number',81.0,NULL,'81 人','004_052cf2803b6d324c.txt',326,'実績 R6');
INSERT INTO "observation" VALUES(18,'actual',1,2024,'number',81.0,NULL,'81 人','004_052cf2803b6d324c.txt',331,'実績');
INSERT INTO "observation" VALUES(19,'baseline',0,2023,'number',89.0,NULL,'89 世帯','004_052cf2803b6d324c.txt',327,'現状 R5');
INSERT INTO "observation" VALUES(19,'target',0,2024,'number',96.0,NULL,'96 世帯','004_052cf2803b6d324c.txt',327,'目標 R6');
INSERT INTO "observation" VALUES(19,'target',1,2025,'number',103.0,NULL,'103 世帯','004_052cf2803b6d324c.txt',327,'目標 R7');
INSERT INTO "observation" VALUES(19,'target',2,2026,'number',111.0,NULL,'111 世帯','004_052cf2803b6d324c.txt',327,'目標 R8');
INSERT INTO "observation" VALUES(19,'target',3,2024,'number',96.0,NULL,'96 世帯','004_052cf2803b6d324c.txt',335,'目標 (R 6)');
INSERT INTO "observation" VALUES(19,'actual',0,2024,'number',85.0,NULL,'85 世帯','004_052cf2803b6d324c.txt',327,'実績 R6');
INSERT INTO "observation" VALUES(19,'actual',1,2024,'number',85.0,NULL,'85 世帯','004_052cf2803b6d324c.txt',335,'実績');
INSERT INTO "observation" VALUES(20,'baseline',0,2023,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',328,'現状 R5');
INSERT INTO "observation" VALUES(20,'target',0,2024,'number',0.0,NULL,'0 人','004_052cf2803b6d324c.txt',328,'目標 R6');
INSERT INTO "observation" VALUES(20,'target',1,2025,'number',0.0,NULL,'0 人','004_052cf2803b6d324c.txt',328,'目標 R7');
INSERT INTO "observation" VALUES(20,'target',2,2026,'number',0.0,NULL,'0 人','004_052cf2803b6d324c.txt',328,'目標 R8');
INSERT INTO "observation" VALUES(20,'target',3,2024,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',339,'目標 (R6)');
INSERT INTO "observation" VALUES(20,'actual',0,2024,'number',0.0,NULL,'0 人','004_052cf2803b6d324c.txt',328,'実績 R6');
INSERT INTO "observation" VALUES(20,'actual',1,2024,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',339,'実績');
INSERT INTO "observation" VALUES(21,'baseline',0,2023,'number',10.0,NULL,'10人 (令和5年度)','004_052cf2803b6d324c.txt',361,'現状 (年度)');
INSERT INTO "observation" VALUES(21,'target',0,2024,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',361,'目標 R6');
INSERT INTO "observation" VALUES(21,'target',1,2025,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',361,'目標 R7');
INSERT INTO "observation" VALUES(21,'target',2,2026,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',361,'目標 R8');
INSERT INTO "observation" VALUES(21,'target',3,2024,'number',0.0,NULL,'0人','004_052cf2803b6d324c.txt',369,'目標 (R6)');
INSERT INTO "observation" VALUES(21,'actual',0,2024,'number',10.0,NULL,'10人','004_052cf2803b6d324c.txt',361,'実績 R6');
INSERT INTO "observation" VALUES(21,'actual',1,2024,'number',10.0,NULL,'10人','004_052cf2803b6d324c.txt',369,'実績');
INSERT INTO "observation" VALUES(22,'baseline',0,2022,'number',88244.0,NULL,'88,244人 (令和4年度)','004_052cf2803b6d324c.txt',362,'現状 (年度)');
INSERT INTO "observation" VALUES(22,'target',0,2024,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',362,'目標 R6');
INSERT INTO "observation" VALUES(22,'target',1,2025,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',362,'目標 R7');
INSERT INTO "observation" VALUES(22,'target',2,2026,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',362,'目標 R8');
INSERT INTO "observation" VALUES(22,'target',3,2024,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',373,'目標 (R 6)');
INSERT INTO "observation" VALUES(22,'actual',0,2024,'number',100758.0,NULL,'100,758人','004_052cf2803b6d324c.txt',362,'実績 R6');
INSERT INTO "observation" VALUES(22,'actual',1,2024,'number',100758.0,NULL,'100,758 人','004_052cf2803b6d324c.txt',373,'実績');
INSERT INTO "observation" VALUES(23,'baseline',0,2022,'text',NULL,'事業開始','事業開始 (令和4年度)','004_052cf2803b6d324c.txt',363,'現状 (年度)');
INSERT INTO "observation" VALUES(23,'target',0,2024,'text',NULL,'全ての妊産婦等を支援','全ての妊産婦等を支援','004_052cf2803b6d324c.txt',363,'目標 R6');
INSERT INTO "observation" VALUES(23,'target',1,2025,'text',NULL,'全ての妊産婦等を支援','全ての妊産婦等を支援','004_052cf2803b6d324c.txt',363,'目標 R7');
INSERT INTO "observation" VALUES(23,'target',2,2026,'text',NULL,'全ての妊産婦等を支援','全ての妊産婦等を支援','004_052cf2803b6d324c.txt',363,'目標 R8');
INSERT INTO "observation" VALUES(23,'target',3,2024,'text',NULL,'全ての妊産婦等を支援','全ての妊産婦 等を支援','004_052cf2803b6d324c.txt',377,'目標 (R 6)');
INSERT INTO "observation" VALUES(23,'actual',0,2024,'number',97.15,NULL,'97.15%','004_052cf2803b6d324c.txt',363,'実績 R6');
INSERT INTO "observation" VALUES(23,'actual',1,2024,'number',97.15,NULL,'97.15%','004_052cf2803b6d324c.txt',377,'実績');
INSERT INTO "observation" VALUES(24,'baseline',0,2022,'number',75473.0,NULL,'75,473人 (令和4年度)','004_052cf2803b6d324c.txt',364,'現状 (年度)');
INSERT INTO "observation" VALUES(24,'target',0,2024,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',364,'目標 R6');
INSERT INTO "observation" VALUES(24,'target',1,2025,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',364,'目標 R7');
INSERT INTO "observation" VALUES(24,'target',2,2026,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',364,'目標 R8');
INSERT INTO "observation" VALUES(24,'target',3,2024,'text',NULL,'前年度より増加','前年度より増加','004_052cf2803b6d324c.txt',381,'目標 (R 6)');
INSERT INTO "observation" VALUES(24,'actual',0,2024,'number',115050.0,NULL,'115,050人','004_052cf2803b6d324c.txt',364,'実績 R6');
INSERT INTO "observation" VALUES(24,'actual',1,2024,'number',115050.0,NULL,'115,050 人','004_052cf2803b6d324c.txt',381,'実績');
INSERT INTO "observation" VALUES(25,'baseline',0,NULL,'text',NULL,'実施中','実施中','004_052cf2803b6d324c.txt',365,'現状 (年度)');
INSERT INTO "observation" VALUES(25,'target',0,2024,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',365,'目標 R6');
INSERT INTO "observation" VALUES(25,'target',1,2025,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',365,'目標 R7');
INSERT INTO "observation" VALUES(25,'target',2,2026,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',365,'目標 R8');
INSERT INTO "observation" VALUES(25,'target',3,2024,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',385,'目標 (R 6)');
INSERT INTO "observation" VALUES(25,'actual',0,2024,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',365,'実績 R6');
INSERT INTO "observation" VALUES(25,'actual',1,2024,'text',NULL,'引き続き継続','引き続き継続','004_052cf2803b6d324c.txt',385,'実績');
INSERT INTO "observation" VALUES(26,'baseline',0,2022,'number',11.4,NULL,'11.4% (令和4年度)','004_052cf2803b6d324c.txt',366,'現状 (年度)');
INSERT INTO "observation" VALUES(26,'target',0,2024,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',366,'目標 R6');
INSERT INTO "observation" VALUES(26,'target',1,2025,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',366,'目標 R7');
INSERT INTO "observation" VALUES(26,'target',2,2026,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',366,'目標 R8');
INSERT INTO "observation" VALUES(26,'target',3,2024,'number',13.0,NULL,'13%','004_052cf2803b6d324c.txt',389,'目標 (R6)');
INSERT INTO "observation" VALUES(26,'actual',0,2024,'number',14.7,NULL,'14.7%','004_052cf2803b6d324c.txt',366,'実績 R6');
INSERT INTO "observation" VALUES(26,'actual',1,2024,'number',14.7,NULL,'14.7%','004_052cf2803b6d324c.txt',389,'実績');
INSERT INTO "observation" VALUES(27,'baseline',0,2023,'number',15.0,NULL,'15 人','004_052cf2803b6d324c.txt',424,'現状 R5');
INSERT INTO "observation" VALUES(27,'target',0,2024,'number',17.0,NULL,'17 人','004_052cf2803b6d324c.txt',424,'目標 R6');
INSERT INTO "observation" VALUES(27,'target',1,2025,'number',20.0,NULL,'20 人','004_052cf2803b6d324c.txt',424,'目標 R7');
INSERT INTO "observation" VALUES(27,'target',2,2026,'number',24.0,NULL,'24 人','004_052cf2803b6d324c.txt',424,'目標 R8');
INSERT INTO "observation" VALUES(27,'target',3,2024,'number',17.0,NULL,'17 人','004_052cf2803b6d324c.txt',429,'目標 (R6)');
INSERT INTO "observation" VALUES(27,'actual',0,2024,'number',17.0,NULL,'17 人','004_052cf2803b6d324c.txt',424,'実績 R6');
INSERT INTO "observation" VALUES(27,'actual',1,2024,'number',17.0,NULL,'17 人','004_052cf2803b6d324c.txt',429,'実績');
INSERT INTO "observation" VALUES(28,'baseline',0,2023,'number',8.0,NULL,'8 件 (見込)','004_052cf2803b6d324c.txt',425,'現状 R5');
INSERT INTO "observation" VALUES(28,'target',0,2024,'number',13.0,NULL,'13 件','004_052cf2803b6d324c.txt',425,'目標 R6');
INSERT INTO "observation" VALUES(28,'target',1,2025,'number',18.0,NULL,'18 件','004_052cf2803b6d324c.txt',425,'目標 R7');
INSERT INTO "observation" VALUES(28,'target',2,2026,'number',23.0,NULL,'23 件','004_052cf2803b6d324c.txt',425,'目標 R8');
INSERT INTO "observation" VALUES(28,'target',3,2024,'number',13.0,NULL,'13 件','004_052cf2803b6d324c.txt',433,'目標 (R6)');
INSERT INTO "observation" VALUES(28,'actual',0,2024,'number',10.0,NULL,'10 件','004_052cf2803b6d324c.txt',425,'実績 R6');
INSERT INTO "observation" VALUES(28,'actual',1,2024,'number',10.0,NULL,'10 件','004_052cf2803b6d324c.txt',433,'実績');
INSERT INTO "observation" VALUES(29,'baseline',0,2023,'number',47.0,NULL,'47 件 (見込)','004_052cf2803b6d324c.txt',426,'現状 R5');
INSERT INTO "observation" VALUES(29,'target',0,2024,'number',62.0,NULL,'62 件','004_052cf2803b6d324c.txt',426,'目標 R6');
INSERT INTO "observation" VALUES(29,'target',1,2025,'number',77.0,NULL,'77 件','004_052cf2803b6d324c.txt',426,'目標 R7');
INSERT INTO "observation" VALUES(29,'target',2,2026,'number',92.0,NULL,'92 件','004_052cf2803b6d324c.txt',426,'目標 R8');
INSERT INTO "observation" VALUES(29,'target',3,2024,'number',62.0,NULL,'62 件','004_052cf2803b6d324c.txt',437,'目標 (R6)');
INSERT INTO "observation" VALUES(29,'actual',0,2024,'number',54.0,NULL,'54 件','004_052cf2803b6d324c.txt',426,'実績 R6');
INSERT INTO "observation" VALUES(29,'actual',1,2024,'number',54.0,NULL,'54 件','004_052cf2803b6d324c.txt',437,'実績');
INSERT INTO "observation" VALUES(30,'baseline',0,2023,'number',87.0,NULL,'87回 (見込)','004_052cf2803b6d324c.txt',462,'現状 R5');
INSERT INTO "observation" VALUES(30,'target',0,2024,'number',90.0,NULL,'90回','004_052cf2803b6d324c.txt',462,'目標 R6');
INSERT INTO "observation" VALUES(30,'target',1,2025,'number',90.0,NULL,'90回','004_052cf2803b6d324c.txt',462,'目標 R7');
INSERT INTO "observation" VALUES(30,'target',2,2026,'number',90.0,NULL,'90回','004_052cf2803b6d324c.txt',462,'目標 R8');
INSERT INTO "observation" VALUES(30,'target',3,2024,'number',90.0,NULL,'90回','004_052cf2803b6d324c.txt',466,'目標 (R6)');
INSERT INTO "observation" VALUES(30,'actual',0,2024,'number',78.0,NULL,'78回','004_052cf2803b6d324c.txt',462,'実績 R6');
INSERT INTO "observation" VALUES(30,'actual',1,2024,'number',78.0,NULL,'78回','004_052cf2803b6d324c.txt',466,'実績');
INSERT INTO "observation" VALUES(31,'baseline',0,2023,'text',NULL,'企画・検討','企画・検討','004_052cf2803b6d324c.txt',463,'現状 R5');
INSERT INTO "observation" VALUES(31,'target',0,2024,'text',NULL,'実施','実施','004_052cf2803b6d324c.txt',463,'目標 R6');
INSERT INTO "observation" VALUES(31,'target',1,2025,'text',NULL,'継続','継続','004_052cf2803b6d324c.txt',463,'目標 R7');
INSERT INTO "observation" VALUES(31,'target',2,2026,'text',NULL,'継続','継続','004_052cf2803b6d324c.txt',463,'目標 R8');
INSERT INTO "observation" VALUES(31,'target',3,2024,'text',NULL,'実施','実施','004_052cf2803b6d324c.txt',470,'目標 (R6)');
INSERT INTO "observation" VALUES(31,'actual',0,2024,'text',NULL,'実施','実施','004_052cf2803b6d324c.txt',463,'実績 R6');
INSERT INTO "observation" VALUES(31,'actual',1,2024,'text',NULL,'実施','実施','004_052cf2803b6d324c.txt',470,'実績');
INSERT INTO "observation" VALUES(32,'baseline',0,2023,'number',20.0,NULL,'20人','004_052cf2803b6d324c.txt',492,'現状 R5');
INSERT INTO "observation" VALUES(32,'target',0,2024,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',492,'目標 R6');
INSERT INTO "observation" VALUES(32,'target',1,2025,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',492,'目標 R7');
INSERT INTO "observation" VALUES(32,'target',2,2026,'number',35.0,NULL,'35人','004_052cf2803b6d324c.txt',492,'目標 R8');
INSERT INTO "observation" VALUES(32,'target',3,2024,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',499,'目標 (R6)');
INSERT INTO "observation" VALUES(32,'actual',0,2024,'number',28.0,NULL,'28人','004_052cf2803b6d324c.txt',492,'実績 R6');
INSERT INTO "observation" VALUES(32,'actual',1,2024,'number',28.0,NULL,'28人','004_052cf2803b6d324c.txt',499,'実績');
INSERT INTO "observation" VALUES(33,'baseline',0,2023,'number',0.0,NULL,'0か所','004_052cf2803b6d324c.txt',493,'現状 R5');
INSERT INTO "observation" VALUES(33,'target',0,2024,'number',20.0,NULL,'20か所','004_052cf2803b6d324c.txt',493,'目標 R6');
INSERT INTO "observation" VALUES(33,'target',1,2025,'number',30.0,NULL,'30か所','004_052cf2803b6d324c.txt',493,'目標 R7');
INSERT INTO "observation" VALUES(33,'target',2,2026,'number',40.0,NULL,'40か所','004_052cf2803b6d324c.txt',493,'目標 R8');
INSERT INTO "observation" VALUES(33,'target',3,2024,'number',20.0,NULL,'20か所','004_052cf2803b6d324c.txt',503,'目標 (R6)');
INSERT INTO "observation" VALUES(33,'actual',0,2024,'number',4.0,NULL,'4か所','004_052cf2803b6d324c.txt',493,'実績 R6');
INSERT INTO "observation" VALUES(33,'actual',1,2024,'number',4.0,NULL,'4か所','004_052cf2803b6d324c.txt',503,'実績');
INSERT INTO "observation" VALUES(34,'baseline',0,2023,'number',93.8,NULL,'93.8%','004_052cf2803b6d324c.txt',494,'現状 R5');
INSERT INTO "observation" VALUES(34,'target',0,2024,'number',94.9,NULL,'94.9%','004_052cf2803b6d324c.txt',494,'目標 R6');
INSERT INTO "observation" VALUES(34,'target',1,2025,'number',95.3,NULL,'95.3%','004_052cf2803b6d324c.txt',494,'目標 R7');
INSERT INTO "observation" VALUES(34,'target',2,2026,'number',95.6,NULL,'95.6%','004_052cf2803b6d324c.txt',494,'目標 R8');
INSERT INTO "observation" VALUES(34,'target',3,2024,'number',94.9,NULL,'94.9%','004_052cf2803b6d324c.txt',507,'目標');
INSERT INTO "observation" VALUES(34,'actual',0,2024,'number',94.3,NULL,'94.3%','004_052cf2803b6d324c.txt',494,'実績 R6');
INSERT INTO "observation" VALUES(34,'actual',1,2024,'number',94.3,NULL,'94.3%','004_052cf2803b6d324c.txt',507,'実績');
INSERT INTO "observation" VALUES(35,'baseline',0,2023,'number',92.1,NULL,'92.1%','004_052cf2803b6d324c.txt',495,'現状 R5');
INSERT INTO "observation" VALUES(35,'target',0,2024,'number',92.1,NULL,'92.1%','004_052cf2803b6d324c.txt',495,'目標 R6');
INSERT INTO "observation" VALUES(35,'target',1,2025,'number',92.1,NULL,'92.1%','004_052cf2803b6d324c.txt',495,'目標 R7');
INSERT INTO "observation" VALUES(35,'target',2,2026,'number',92.9,NULL,'92.9%','004_052cf2803b6d324c.txt',495,'目標 R8');
INSERT INTO "observation" VALUES(35,'target',3,2024,'number',92.1,NULL,'92.1%','004_052cf2803b6d324c.txt',511,'目標');
INSERT INTO "observation" VALUES(35,'actual',0,2024,'number',92.9,NULL,'92.9%','004_052cf2803b6d324c.txt',495,'実績 R6');
INSERT INTO "observation" VALUES(35,'actual',1,2024,'number',92.9,NULL,'92.9%','004_052cf2803b6d324c.txt',511,'実績');
INSERT INTO "observation" VALUES(36,'baseline',0,2023,'number',12.0,NULL,'12件','004_052cf2803b6d324c.txt',496,'現状 R5');
INSERT INTO "observation" VALUES(36,'target',0,2024,'number',14.0,NULL,'14件','004_052cf2803b6d324c.txt',496,'目標 R6');
INSERT INTO "observation" VALUES(36,'target',1,2025,'number',15.0,NULL,'15件','004_052cf2803b6d324c.txt',496,'目標 R7');
INSERT INTO "observation" VALUES(36,'target',2,2026,'number',16.0,NULL,'16件','004_052cf2803b6d324c.txt',496,'目標 R8');
INSERT INTO "observation" VALUES(36,'target',3,2024,'number',14.0,NULL,'14件','004_052cf2803b6d324c.txt',515,'目標');
INSERT INTO "observation" VALUES(36,'actual',0,2024,'number',14.0,NULL,'14件','004_052cf2803b6d324c.txt',496,'実績 R6');
INSERT INTO "observation" VALUES(36,'actual',1,2024,'number',14.0,NULL,'14件','004_052cf2803b6d324c.txt',515,'実績');
INSERT INTO "observation" VALUES(37,'baseline',0,2023,'blank',NULL,NULL,'－','004_052cf2803b6d324c.txt',546,'現状 R5');
INSERT INTO "observation" VALUES(37,'target',0,2024,'text',NULL,'企画','企画','004_052cf2803b6d324c.txt',546,'目標 R6');
INSERT INTO "observation" VALUES(37,'target',1,2025,'text',NULL,'調査実施・分析','調査実施・ 分析','004_052cf2803b6d324c.txt',546,'目標 R7');
INSERT INTO "observation" VALUES(37,'target',2,2026,'text',NULL,'支援手法に反映','支援手法に 反映','004_052cf2803b6d324c.txt',546,'目標 R8');
INSERT INTO "observation" VALUES(37,'target',3,2024,'text',NULL,'企画','企画','004_052cf2803b6d324c.txt',552,'目標');
INSERT INTO "observation" VALUES(37,'actual',0,2024,'text',NULL,'企画','企画','004_052cf2803b6d324c.txt',546,'実績 R6');
INSERT INTO "observation" VALUES(37,'actual',1,2024,'text',NULL,'企画','企画','004_052cf2803b6d324c.txt',552,'実績');
INSERT INTO "observation" VALUES(38,'baseline',0,2023,'blank',NULL,NULL,'－','004_052cf2803b6d324c.txt',547,'現状 R5');
INSERT INTO "observation" VALUES(38,'target',0,2024,'number',1.0,NULL,'1回','004_052cf2803b6d324c.txt',547,'目標 R6');
INSERT INTO "observation" VALUES(38,'target',1,2025,'number',4.0,NULL,'4回','004_052cf2803b6d324c.txt',547,'目標 R7');
INSERT INTO "observation" VALUES(38,'target',2,2026,'number',4.0,NULL,'4回','004_052cf2803b6d324c.txt',547,'目標 R8');
INSERT INTO "observation" VALUES(38,'target',3,2024,'number',1.0,NULL,'1回','004_052cf2803b6d324c.txt',557,'目標');
INSERT INTO "observation" VALUES(38,'actual',0,2024,'number',1.0,NULL,'1回','004_052cf2803b6d324c.txt',547,'実績 R6');
INSERT INTO "observation" VALUES(38,'actual',1,2024,'number',1.0,NULL,'1回','004_052cf2803b6d324c.txt',557,'実績');
INSERT INTO "observation" VALUES(39,'baseline',0,2023,'blank',NULL,NULL,'－','004_052cf2803b6d324c.txt',548,'現状 R5');
INSERT INTO "observation" VALUES(39,'target',0,2024,'number',1.0,NULL,'1か所','004_052cf2803b6d324c.txt',548,'目標 R6');
INSERT INTO "observation" VALUES(39,'target',1,2025,'number',2.0,NULL,'2か所','004_052cf2803b6d324c.txt',548,'目標 R7');
INSERT INTO "observation" VALUES(39,'target',2,2026,'number',6.0,NULL,'6か所','004_052cf2803b6d324c.txt',548,'目標 R8');
INSERT INTO "observation" VALUES(39,'target',3,2024,'number',1.0,NULL,'1か所','004_052cf2803b6d324c.txt',562,'目標');
INSERT INTO "observation" VALUES(39,'actual',0,2024,'number',1.0,NULL,'1か所','004_052cf2803b6d324c.txt',548,'実績 R6');
INSERT INTO "observation" VALUES(39,'actual',1,2024,'number',0.0,NULL,'0か所','004_052cf2803b6d324c.txt',562,'実績');
INSERT INTO "observation" VALUES(40,'baseline',0,2023,'number',990.0,NULL,'990 件','004_052cf2803b6d324c.txt',608,'現状 R5');
INSERT INTO "observation" VALUES(40,'target',0,2024,'number',1467.0,NULL,'1,467 件','004_052cf2803b6d324c.txt',608,'目標 R6');
INSERT INTO "observation" VALUES(40,'target',1,2025,'number',1944.0,NULL,'1,944 件','004_052cf2803b6d324c.txt',608,'目標 R7');
INSERT INTO "observation" VALUES(40,'target',2,2026,'number',1944.0,NULL,'1,944 件','004_052cf2803b6d324c.txt',608,'目標 R8');
INSERT INTO "observation" VALUES(40,'target',3,2024,'number',1467.0,NULL,'1,467 件','004_052cf2803b6d324c.txt',614,'目標');
INSERT INTO "observation" VALUES(40,'actual',0,2024,'number',793.0,NULL,'793 件','004_052cf2803b6d324c.txt',608,'実績 R6');
INSERT INTO "observation" VALUES(40,'actual',1,2024,'number',793.0,NULL,'793 件','004_052cf2803b6d324c.txt',614,'実績');
INSERT INTO "observation" VALUES(41,'baseline',0,2023,'number',146.0,NULL,'146 件','004_052cf2803b6d324c.txt',609,'現状 R5');
INSERT INTO "observation" VALUES(41,'target',0,2024,'number',733.0,NULL,'733 件','004_052cf2803b6d324c.txt',609,'目標 R6');
INSERT INTO "observation" VALUES(41,'target',1,2025,'number',972.0,NULL,'972 件','004_052cf2803b6d324c.txt',609,'目標 R7');
INSERT INTO "observation" VALUES(41,'target',2,2026,'number',972.0,NULL,'972 件','004_052cf2803b6d324c.txt',609,'目標 R8');
INSERT INTO "observation" VALUES(41,'target',3,2024,'number',733.0,NULL,'733 件','004_052cf2803b6d324c.txt',619,'目標');
INSERT INTO "observation" VALUES(41,'actual',0,2024,'number',68.0,NULL,'68 件','004_052cf2803b6d324c.txt',609,'実績 R6');
INSERT INTO "observation" VALUES(41,'actual',1,2024,'number',68.0,NULL,'68 件','004_052cf2803b6d324c.txt',619,'実績');
INSERT INTO "observation" VALUES(42,'baseline',0,2023,'number',146.0,NULL,'146 件','004_052cf2803b6d324c.txt',610,'現状 R5');
INSERT INTO "observation" VALUES(42,'target',0,2024,'number',439.0,NULL,'439 件','004_052cf2803b6d324c.txt',610,'目標 R6');
INSERT INTO "observation" VALUES(42,'target',1,2025,'number',583.0,NULL,'583 件','004_052cf2803b6d324c.txt',610,'目標 R7');
INSERT INTO "observation" VALUES(42,'target',2,2026,'number',583.0,NULL,'583 件','004_052cf2803b6d324c.txt',610,'目標 R8');
INSERT INTO "observation" VALUES(42,'target',3,2024,'number',439.0,NULL,'439 件','004_052cf2803b6d324c.txt',624,'目標');
INSERT INTO "observation" VALUES(42,'actual',0,2024,'number',42.0,NULL,'42 件','004_052cf2803b6d324c.txt',610,'実績 R6');
INSERT INTO "observation" VALUES(42,'actual',1,2024,'number',42.0,NULL,'42 件','004_052cf2803b6d324c.txt',624,'実績');
INSERT INTO "observation" VALUES(43,'baseline',0,2023,'number',90.0,NULL,'90人','004_052cf2803b6d324c.txt',645,'現状 R5');
INSERT INTO "observation" VALUES(43,'target',0,2024,'number',100.0,NULL,'100人','004_052cf2803b6d324c.txt',645,'目標 R6');
INSERT INTO "observation" VALUES(43,'target',1,2025,'number',111.0,NULL,'111人','004_052cf2803b6d324c.txt',645,'目標 R7');
INSERT INTO "observation" VALUES(43,'target',2,2026,'number',122.0,NULL,'122人','004_052cf2803b6d324c.txt',645,'目標 R8');
INSERT INTO "observation" VALUES(43,'target',3,2024,'number',100.0,NULL,'100人','004_052cf2803b6d324c.txt',650,'目標');
INSERT INTO "observation" VALUES(43,'actual',0,2024,'number',64.0,NULL,'64人','004_052cf2803b6d324c.txt',645,'実績 R6');
INSERT INTO "observation" VALUES(43,'actual',1,2024,'number',64.0,NULL,'64人','004_052cf2803b6d324c.txt',650,'実績');
INSERT INTO "observation" VALUES(44,'baseline',0,2023,'number',127.0,NULL,'127人','004_052cf2803b6d324c.txt',646,'現状 R5');
INSERT INTO "observation" VALUES(44,'target',0,2024,'number',145.0,NULL,'145人','004_052cf2803b6d324c.txt',646,'目標 R6');
INSERT INTO "observation" VALUES(44,'target',1,2025,'number',164.0,NULL,'164人','004_052cf2803b6d324c.txt',646,'目標 R7');
INSERT INTO "observation" VALUES(44,'target',2,2026,'number',183.0,NULL,'183人','004_052cf2803b6d324c.txt',646,'目標 R8');
INSERT INTO "observation" VALUES(44,'target',3,2024,'number',145.0,NULL,'145人','004_052cf2803b6d324c.txt',655,'目標');
INSERT INTO "observation" VALUES(44,'actual',0,2024,'number',99.0,NULL,'99人','004_052cf2803b6d324c.txt',646,'実績 R6');
INSERT INTO "observation" VALUES(44,'actual',1,2024,'number',99.0,NULL,'99人','004_052cf2803b6d324c.txt',655,'実績');
INSERT INTO "observation" VALUES(45,'baseline',0,2023,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',674,'現状 R5');
INSERT INTO "observation" VALUES(45,'target',0,2024,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',674,'目標 R6');
INSERT INTO "observation" VALUES(45,'target',1,2025,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',674,'目標 R7');
INSERT INTO "observation" VALUES(45,'target',2,2026,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',674,'目標 R8');
INSERT INTO "observation" VALUES(45,'target',3,2024,'number',30.0,NULL,'30人','004_052cf2803b6d324c.txt',680,'目標');
INSERT INTO "observation" VALUES(45,'actual',0,2024,'number',29.0,NULL,'29人','004_052cf2803b6d324c.txt',674,'実績 R6');
INSERT INTO "observation" VALUES(45,'actual',1,2024,'number',29.0,NULL,'29人','004_052cf2803b6d324c.txt',680,'実績');
INSERT INTO "observation" VALUES(46,'baseline',0,2023,'blank',NULL,NULL,'-','004_052cf2803b6d324c.txt',675,'現状 R5');
INSERT INTO "observation" VALUES(46,'target',0,2024,'number',40.0,NULL,'40人','004_052cf2803b6d324c.txt',675,'目標 R6');
INSERT INTO "observation" VALUES(46,'target',1,2025,'number',80.0,NULL,'80人','004_052cf2803b6d324c.txt',675,'目標 R7');
INSERT INTO "observation" VALUES(46,'target',2,2026,'number',120.0,NULL,'120人','004_052cf2803b6d324c.txt',675,'目標 R8');
INSERT INTO "observation" VALUES(46,'target',3,2024,'number',40.0,NULL,'40人','004_052cf2803b6d324c.txt',685,'目標');
INSERT INTO "observation" VALUES(46,'actual',0,2024,'number',324.0,NULL,'324人','004_052cf2803b6d324c.txt',675,'実績 R6');
INSERT INTO "observation" VALUES(46,'actual',1,2024,'number',324.0,NULL,'324人','004_052cf2803b6d324c.txt',685,'実績');
INSERT INTO "observation" VALUES(47,'baseline',0,2023,'number',8.4,NULL,'8.4%','004_052cf2803b6d324c.txt',676,'現状 R5');
INSERT INTO "observation" VALUES(47,'target',0,2024,'number',20.0,NULL,'20%','004_052cf2803b6d324c.txt',676,'目標 R6');
INSERT INTO "observation" VALUES(47,'target',1,2025,'text',NULL,'継続','継続','004_052cf2803b6d324c.txt',676,'目標 R7');
INSERT INTO "observation" VALUES(47,'target',2,2026,'text',NULL,'継続','継続','004_052cf2803b6d324c.txt',676,'目標 R8');
INSERT INTO "observation" VALUES(47,'target',3,2024,'number',20.0,NULL,'20%','004_052cf2803b6d324c.txt',690,'目標');
INSERT INTO "observation" VALUES(47,'actual',0,2024,'number',9.6,NULL,'9.6%','004_052cf2803b6d324c.txt',676,'実績 R6');
INSERT INTO "observation" VALUES(47,'actual',1,2024,'number',9.6,NULL,'9.6%','004_052cf2803b6d324c.txt',690,'実績');
CREATE TABLE outlook (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    -- NULL: the outlook of the whole plan.
    group_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    text TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);
INSERT INTO "outlook" VALUES(1,2,0,9,2024,'○今後の取組
令和7年度
- 孤独・孤立対策の施策検討にあたり、「川口市人々のつながりに関する基礎調査」を実施する。(対象者1,500人)
- 世代や属性を問わない交流の場を新たに設置する団体を増やすため、川口市みんなの居場所設置支援助成金事業を継続する。
- つながりサポーター養成講座を一般市民向けに実施する。
- 地域ニーズを踏まえ、移動販売車の停留場所を精査し、コミュニティの創出を図る。
令和8年度
- 庁内包括化推進員数の配置を納税分野、水道分野まで広げ、24名を目標とする。
- 包括的相談支援事業所連絡会及び包括的相談支援事業所への訪問を継続する。
○課題
- 本市におけるひきこもり等孤独・孤立状態になっている方の実態が把握できていないため、効果的な支援の内容が不明確である。
- 継続的な居場所づくりを実施していくために、各団体に対して、居場所を立ち上げ後もフォローアップが必要である。
- 移動販売事業において、停留箇所によっては、利用者数に差があるため、停留場所の精査が必要である。','004_052cf2803b6d324c.txt',175,'今後の取組と課題');
INSERT INTO "outlook" VALUES(2,2,1,14,2024,'○今後の取組
目標を達成した取組みについては、必要な見直しを行いながら維持・改善に努め、目標達成維持を目指す。
令和7年度
地域包括ケアシステムの推進に向け、地域密着型サービスの更なる基盤整備の促進を図る。
○課題
- 施設サービスの受給率を下げるための具体的な取組がない（地域密着型サービスの整備により施設サービス受給率が相対的に下がるため）
- 「介護が必要になった場合に「在宅介護」を望む人の割合」については、目標（60.0%）と大きく乖離（35.3%）したが、一方で約30%が「よくわからない」と回答している。これは必要となった場合に選べる在宅での生活支援や介護サービスについての周知が不足していることが原因と考えられることから、今後は選択できる高齢者福祉施策の周知に注力していく必要がある。','004_052cf2803b6d324c.txt',242,'今後の取組と課題');
INSERT INTO "outlook" VALUES(3,2,2,19,2024,'○今後の取組
- ・相談支援体制の強化をする。
- ・地域の相談支援事業所、相談支援専門員のスキルを向上する。
- ・地域生活支援拠点等ネットワークの参加者の拡大を図る。
- ・入所希望者に対する地域生活新拠点の検証を行う。
- ・障害者週間記念事業において、作品の展示ブースの拡大を検討する。
- ・医療的ケア児等コーディネーターの配置数の拡大を行う。
○課題
- ・登録手話通訳者について、認定試験受験者、合格者の減少が課題となっている。
- ・あいサポートキッズについて、研修内容の充実が課題となっている。
- ・相談支援について、多岐にわたる相談への対応が必要である。
- ・地域生活支援等ネットワークについて、参加者の拡大と運営管理者の理解が課題となっている。
- ・入所待機者の増加に伴う対応が課題となっている。
- ・障害者文化芸術活動について、障害者アートを展示できる機会の創出が課題となっている。
- ・障害児サービス事業所、職員の質の向上が必要である。','004_052cf2803b6d324c.txt',297,'今後の取組と課題');
INSERT INTO "outlook" VALUES(4,2,3,26,2024,'○今後の取組
- 被保護者の医療機関の受診状況・健診受診結果などの情報を担当ケースワーカーと医療担当間で共有し、就労自立を目指す者への健康管理支援や健康状況が改善した者への就労支援など、効果的な支援に繋げていく。
- 自立相談支援事業担当と生活保護担当間で対象者の情報を共有し、対象者が必要とする支援を早期に受けられる体制を整備していく。
○課題
- 生活困窮者は、失業などの就労面だけではなく、健康面など複合的な課題を抱える場合が多いため、対象者が抱える課題を明確にしたうえで、組織横断的に対象者への支援に取り組んでいく必要があるが、現状は各部門が独立的に支援に取り組んでおり、組織的な情報共有・連携が課題である。','004_052cf2803b6d324c.txt',342,'今後の取組と課題');
INSERT INTO "outlook" VALUES(5,2,4,30,2024,'○今後の取組
- 令和7年度から開始した「川口市こども未来計画」に基づき、引き続き、全てのこどもが健やかに成長できる体制づくりを推進する。
- 保育所等利用待機児童については、既存施設を活用しながら解消に向けた取組を進める。
○課題
年齢別の保育施設の定員充足状況を見ると、1・2歳児については不足が見られるものの、3歳以上児については空きがやや目立つようになってきている。今後は、既存施設における各歳児の定員の見直し等を通じて、需要と供給のアンバランスを解消することが課題である。','004_052cf2803b6d324c.txt',392,'今後の取組と課題');
INSERT INTO "outlook" VALUES(6,2,5,10,2024,'○今後の取組
令和7年度
- 市内包括化推進員については国民健康保険分野を加えて20名とする。
- 34事業所の職員を対象に包括的相談支援事業所連絡会を開催し、研修や事例共有、意見交換を実施する。また、包括的相談支援事業所へ訪問し、複雑化・複合化した支援ニーズを有する事例を紹介するとともに複雑化・複合化した課題を有する事案を事業所から引き上げて支援を行う。
令和8年度
- 市内包括化推進員数の配置を納税分野、水道分野まで広げ24名とする。
- 市内担当課との連携に加えて、包括的相談支援事業所連絡会の開催及び包括的相談支援事業所への訪問を継続する。
○課題
- 研修などを実施していても市内の窓口においては、断らない受け止めの意識はまだ充分ではない。
- 支援プラン作成数、多機関協働事業主催ケース会議数が目標値に達しておらず、多機関協働事業の役割を34か所の相談支援機関に周知し、多機関協働事業へのつなぎを促進することが必要である。','004_052cf2803b6d324c.txt',440,'今後の取組と課題');
INSERT INTO "outlook" VALUES(7,2,6,11,2024,'○今後の取組
令和7年度
スクールソーシャルワーカー等教育分野との一部連携はできているものの、相談支援体制をより強化するために教育分野の会議体への参加をする。
令和8年度
関係会議体への参加を継続する。
○課題
関係会議体への参加回数が目標値に達しなかった。
支援対象者の件数が積み重なっているが、信頼関係の構築には時間を要するため、長期的に有効な支援策を検討することが必要である。','004_052cf2803b6d324c.txt',473,'今後の取組と課題');
INSERT INTO "outlook" VALUES(8,2,7,12,2024,'○今後の取組
令和7年度
- 地域支援ボランティア養成講座の広報を強化する。
- 地域支援ボランティア養成講座の修了者のボランティア活動を支援する。
- 市のイベントにあわせたフードドライブは継続するとともに、企業と連携し、常設について試行し、効果を検証する。
- 見守り活動協定締結団体の拡充を図る。
令和8年度
- 地域支援ボランティア養成講座の広報を強化する。
- 地域支援ボランティア養成講座の修了者のボランティア活動を支援する。
- 市のイベントにあわせたフードドライブを継続するとともに、常設について試行し、効果があれば常設実施する。
- 見守り活動協定締結団体の拡充を図る。
○課題
- 地域支援ボランティア養成講座の開催内容や方法を検討する必要がある。
- フードドライブを常設する際の運用方法を検討する必要がある。','004_052cf2803b6d324c.txt',518,'今後の取組と課題');
INSERT INTO "outlook" VALUES(9,2,8,13,2024,'○今後の取組
令和 7 年度
●孤独・孤立対策の施策検討にあたり、「川口市人々のつながりに関する基礎調査」を実施する。(対象者 1,500 人)
●ひきこもりの対象者等が個々の状況に応じて、安心して参加できる場を設置する。
令和 8 年度
●「川口市人々のつながりに関する基礎調査」結果を踏まえた施策に基づき、個別支援を実施する。
●ひきこもりの対象者等が個々の状況に応じて、安心して参加できる場の設置を継続する。
○課題
●本市におけるひきこもり等孤独・孤立状態になっている方の実態が把握できていないため、効果的な支援の内容が不明確である。
●ひきこもり対象者等が外出して参加できる場が未設置であるが、個別事例に応じた場所の選定について検討し、設置する必要がある。','004_052cf2803b6d324c.txt',565,'今後の取組と課題');
INSERT INTO "outlook" VALUES(10,2,9,27,2024,'○今後の取組
自立相談支援事業については、令和5～7年度の3か年長期継続委託契約が満了するため、プロポーザル等を実施する予定である。委託契約事業者と連携して、出張相談会を実施し、自立支援事業の利用者数の掘り起こしに努めるなど、就労支援の充実強化を図る。
○課題
「自立相談支援事業による新規相談件数」については、国の策定するKPI値を基に算出しているが、同値は過去5年の平均値で、コロナ禍で相談者が激増した期間を含むものとなっており、人口10万人以上の自治体については、人口10万人当たり・1ヶ月の新規相談件数を27件としており、実態と乖離していることから、次回計画策定時においては数値設定の見直しを含め検討していく。
(参考) KPI値の計算式：人口10万人当たりの新規受付件数の過去5年(H29～R3)の平均数値
(14.9【H29】 + 15.5【H30】 + 16.2【H31】 + 51.4【R2】 + 36.6【R3】) / 5 = 27件','004_052cf2803b6d324c.txt',627,'今後の取組と課題');
INSERT INTO "outlook" VALUES(11,2,10,28,2024,'○今後の取組
被保護者就労支援事業については令和5～7年度の3か年長期継続委託契約が満了するため、プロポーザル等を実施予定。決定した事業者と連携して、新規で開始した稼働年齢者に対して漏れなく就労支援の同意書をもらい、CWからだけでなく事業者からも就労支援事業への参加を促してもらうなど就労支援の充実強化を図る。
○課題
- 生活保護世帯は多くの方が疾病・年齢等の就労阻害要因を持ち、各就労支援事業に参加するものの就労に至らない。
- 現業員（CW）が社会福祉法に定める標準数に対して2割程度不足しており、就労支援に割く時間を確保することが容易ではなく、すべての就労支援対象者を各就労支援事業につなげることができていない。','004_052cf2803b6d324c.txt',658,'今後の取組と課題');
INSERT INTO "outlook" VALUES(12,2,11,29,2024,'○今後の取組
健康管理支援事業は、高度な専門性が求められるものであり、より効果的な支援を行うため、公募型プロポーザル方式により委託事業者を選定予定。また、保健部局との連携を密にし、業務に取り組んでいく。
○課題
- 被保護者の健康意識の改善と健康診査の受診率のさらなる向上が課題である。
- 治療中断者への受診勧奨について、毎月受診しているものの、1か月のみ通院しなかった者への勧奨も実施したこともあり、実績値が目標値を大幅に上回る結果となった。今後、受診勧奨対象者の定義については検討の必要がある。
- 本市の健康診査は、本市に住民票のある40歳以上の者が受診できるが、生活保護受給者には住民票が他市にある者や住民票が削除されている者も含まれるため、仮に受診できる者がすべて健康診査を受診しても受診率は100%にはならない。R5年度の受診率8.4%はすべての受給者のうちの割合であり、実際に受診できる受給者の本市健康診査の受診率は11.1%と、2.7ポイントの開きがある。受診率の定義及び目標値について、今後検討していく必要がある。','004_052cf2803b6d324c.txt',693,'今後の取組と課題');
INSERT INTO "outlook" VALUES(13,3,0,NULL,2024,'○今後の取組
支援者向けの研修や出前講座、市民向けの講座の参加人数を増やせるよう開催場所の変更を行う。
○課題
成年後見制度に関する相談は年々増加傾向にあり、内容も複雑多様化している。しかし、前年度より新規相談件数が6%ほどしか伸びていない状況を考えると、成年後見制度の相談窓口である「川口市成年後見センター」の周知を今まで以上に行う必要がある。','004_052cf2803b6d324c.txt',806,'今後の取組と課題');
INSERT INTO "outlook" VALUES(14,4,0,NULL,2024,'○今後の取組
- 保護司と居住支援法人等との連携をより促進するために、保護司に対し説明の場を設ける。
- 「社会を明るくする運動」中央大会の来場者数を50名増加させる。
- 協力雇用主の拡大・制度周知のため、川口商工会議所、川口鋳物工業協同組合その他幅広い部門に働きかけを行う。
- 協力雇用主を市表彰の審査基準の対象とする。
- 保護司の退任者が増えることが予想されるため、退職予定の市職員に対し、保護司制度の周知、働きかけを行う。
○課題
- 「社会を明るくする運動」及び再犯防止における民間協力者の認知度が低い。
- 保護司のなり手が不足している。','004_052cf2803b6d324c.txt',903,'今後の取組と課題');
CREATE TABLE output (
    record_id INTEGER NOT NULL REFERENCES progress_record (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    original TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
);
INSERT INTO "output" VALUES(3,0,'参加',61.0,'施設','61施設');
INSERT INTO "output" VALUES(3,1,'参加',108.0,'人','108人が参加');
INSERT INTO "output" VALUES(4,0,'延べ参加',51.0,'人','延べ51人が参加');
INSERT INTO "output" VALUES(5,0,'配布',1555.0,'枚','1,555枚配布');
INSERT INTO "output" VALUES(7,0,'実施',6.0,'回','6回実施');
INSERT INTO "output" VALUES(7,1,'参加',204.0,'人','204人参加');
INSERT INTO "output" VALUES(8,0,'相談件数',693.0,'件','相談件数693件');
INSERT INTO "output" VALUES(8,1,'電話相談',481.0,'件','電話相談481件');
INSERT INTO "output" VALUES(8,2,'来所相談',111.0,'件','来所相談111件');
INSERT INTO "output" VALUES(8,3,'訪問',101.0,'件','訪問101件');
INSERT INTO "output" VALUES(9,0,'開催',6.0,'回','6回開催');
INSERT INTO "output" VALUES(9,1,'延べ参加',20.0,'人','延20人が参加');
INSERT INTO "output" VALUES(11,0,'補助',7.0,'団体','7団体に補助');
INSERT INTO "output" VALUES(14,0,'小学校',10.0,'回','小学校10回');
INSERT INTO "output" VALUES(14,1,'中学校',1.0,'回','中学校1回');
INSERT INTO "output" VALUES(14,2,'高等学校',3.0,'回','高等学校3回');
INSERT INTO "output" VALUES(15,0,'開設',10.0,'回','10回開設');
INSERT INTO "output" VALUES(15,1,'参加',165.0,'人','165人が参加');
INSERT INTO "output" VALUES(16,0,'助成',24.0,'グループ','24グループに助成');
INSERT INTO "output" VALUES(16,1,'延べ利用',12567.0,'人','延べ12,567人が利用');
CREATE TABLE plan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Plan::key(): municipality name / title.
    plan_key TEXT NOT NULL UNIQUE,
    municipality_id INTEGER NOT NULL REFERENCES municipality (id),
    title TEXT NOT NULL,
    -- PlanKind: snake_case name; `other` with kind_other holding the name.
    kind TEXT NOT NULL,
    kind_other TEXT,
    period_first INTEGER,
    period_last INTEGER,
    philosophy TEXT,
    -- RatingScheme as JSON (tagged with "type"), NULL when the plan states none.
    rating_scheme_type TEXT,
    rating_scheme TEXT,
    CHECK ((period_first IS NULL) = (period_last IS NULL)),
    CHECK ((rating_scheme IS NULL) = (rating_scheme_type IS NULL))
);
INSERT INTO "plan" VALUES(1,'小樽市/小樽市自殺対策計画',1,'小樽市自殺対策計画','suicide_prevention',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "plan" VALUES(2,'川口市/川口市地域共生社会推進計画',2,'川口市地域共生社会推進計画','community_welfare',NULL,2024,2026,'全ての人々が、役割と生きがいを持ち、つながり・支え合いながら安心して暮らし続けられるまち','ratio_bands','{"type":"ratio_bands","bands":[{"grade":"S","min_percent":120.0,"inclusive":false},{"grade":"A","min_percent":100.0,"inclusive":true},{"grade":"B","min_percent":80.0,"inclusive":true},{"grade":"C","min_percent":50.0,"inclusive":true}],"below":"D","stated":"定量的な目標（K P I）に対して\n- S：120%超\n- A：100～120%程度\n- B：80～100%程度\n- C：50～80%程度\n- D：50%程度"}');
INSERT INTO "plan" VALUES(3,'川口市/川口市成年後見制度利用促進計画',2,'川口市成年後見制度利用促進計画','guardianship_promotion',NULL,2024,2026,NULL,'self_assessed','{"type":"self_assessed","levels":[{"grade":"S","label":"S"},{"grade":"A","label":"A"},{"grade":"B","label":"B"},{"grade":"C","label":"C"},{"grade":"D","label":"D"}]}');
INSERT INTO "plan" VALUES(4,'川口市/川口市再犯防止推進計画',2,'川口市再犯防止推進計画','recidivism_prevention',NULL,2024,2026,NULL,'self_assessed','{"type":"self_assessed","levels":[{"grade":"S","label":"S"},{"grade":"A","label":"A"},{"grade":"B","label":"B"},{"grade":"C","label":"C"},{"grade":"D","label":"D"}]}');
CREATE TABLE plan_fiscal_year (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    PRIMARY KEY (plan_id, position)
);
INSERT INTO "plan_fiscal_year" VALUES(1,0,2019);
INSERT INTO "plan_fiscal_year" VALUES(2,0,2024);
INSERT INTO "plan_fiscal_year" VALUES(2,1,2025);
INSERT INTO "plan_fiscal_year" VALUES(2,2,2026);
INSERT INTO "plan_fiscal_year" VALUES(3,0,2024);
INSERT INTO "plan_fiscal_year" VALUES(4,0,2024);
CREATE TABLE plan_group (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    group_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    parent_id INTEGER REFERENCES plan_group (id) ON DELETE CASCADE,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, group_key),
    UNIQUE (plan_id, position)
);
INSERT INTO "plan_group" VALUES(1,1,0,'基本施策①','basic_policy','基本施策','①','地域におけるネットワークの強化',NULL,'002_eba47c23c940212d.txt',7,NULL);
INSERT INTO "plan_group" VALUES(2,1,1,'基本施策②','basic_policy','基本施策','②','自殺対策を支える人材の育成',NULL,'002_eba47c23c940212d.txt',13,NULL);
INSERT INTO "plan_group" VALUES(3,1,2,'基本施策③','basic_policy','基本施策','③','啓発と周知',NULL,'002_eba47c23c940212d.txt',18,NULL);
INSERT INTO "plan_group" VALUES(4,1,3,'基本施策④','basic_policy','基本施策','④','生きることの促進要因への支援',NULL,'002_eba47c23c940212d.txt',24,NULL);
INSERT INTO "plan_group" VALUES(5,1,4,'基本施策⑤','basic_policy','基本施策','⑤','児童生徒の SOS の出し方に関する教育',NULL,'002_eba47c23c940212d.txt',32,NULL);
INSERT INTO "plan_group" VALUES(6,1,5,'重点施策①','priority_policy','重点施策','①','高齢者対策',NULL,'002_eba47c23c940212d.txt',40,NULL);
INSERT INTO "plan_group" VALUES(7,1,6,'重点施策②','priority_policy','重点施策','②','生活困窮者対策',NULL,'002_eba47c23c940212d.txt',46,NULL);
INSERT INTO "plan_group" VALUES(8,1,7,'重点施策③','priority_policy','重点施策','③','勤務・経営対策',NULL,'002_eba47c23c940212d.txt',51,NULL);
INSERT INTO "plan_group" VALUES(9,2,0,'基本目標1','basic_goal','基本目標','1','包括的な支援体制の整備及び充実',NULL,'004_052cf2803b6d324c.txt',136,'基本目標');
INSERT INTO "plan_group" VALUES(10,2,1,'基本目標1-施策1','policy','施策','1','属性（高齢・障害など）別から属性を問わない相談支援へ',9,'004_052cf2803b6d324c.txt',136,'施策');
INSERT INTO "plan_group" VALUES(11,2,2,'基本目標1-施策2','policy','施策','2','支援の申請を待つ「受動型」から「能動型」支援へ',9,'004_052cf2803b6d324c.txt',136,'施策');
INSERT INTO "plan_group" VALUES(12,2,3,'基本目標1-施策3','policy','施策','3','地域の共生と交流の推進',9,'004_052cf2803b6d324c.txt',136,'施策');
INSERT INTO "plan_group" VALUES(13,2,4,'基本目標1-施策4','policy','施策','4','孤独・孤立を解消する体制整備',9,'004_052cf2803b6d324c.txt',136,'施策');
INSERT INTO "plan_group" VALUES(14,2,5,'基本目標2','basic_goal','基本目標','2','高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展',NULL,'004_052cf2803b6d324c.txt',137,'基本目標');
INSERT INTO "plan_group" VALUES(15,2,6,'基本目標2-施策1','policy','施策',NULL,'介護予防・フレイル対策の充実',14,'004_052cf2803b6d324c.txt',137,'施策');
INSERT INTO "plan_group" VALUES(16,2,7,'基本目標2-施策2','policy','施策',NULL,'高齢者の生きがいと安全安心な暮らしを支える施策の充実',14,'004_052cf2803b6d324c.txt',137,'施策');
INSERT INTO "plan_group" VALUES(17,2,8,'基本目標2-施策3','policy','施策',NULL,'介護サービスの基盤整備と介護保険事業の持続可能性の確保',14,'004_052cf2803b6d324c.txt',137,'施策');
INSERT INTO "plan_group" VALUES(18,2,9,'基本目標2-施策4','policy','施策',NULL,'在宅医療と在宅介護の連携強化',14,'004_052cf2803b6d324c.txt',137,'施策');
INSERT INTO "plan_group" VALUES(19,2,10,'基本目標3','basic_goal','基本目標','3','障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち',NULL,'004_052cf2803b6d324c.txt',138,'基本目標');
INSERT INTO "plan_group" VALUES(20,2,11,'基本目標3-施策1','policy','施策',NULL,'障害者の権利擁護の充実と共助の取組の強化',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(21,2,12,'基本目標3-施策2','policy','施策',NULL,'障害者の暮らしを支える基盤の充実',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(22,2,13,'基本目標3-施策3','policy','施策',NULL,'社会参加の充実',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(23,2,14,'基本目標3-施策4','policy','施策',NULL,'障害児とその家庭への支援の充実',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(24,2,15,'基本目標3-施策5','policy','施策',NULL,'保健・医療体制の充実',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(25,2,16,'基本目標3-施策6','policy','施策',NULL,'障害者にとって安全・安心のまちづくり',19,'004_052cf2803b6d324c.txt',138,'施策');
INSERT INTO "plan_group" VALUES(26,2,17,'基本目標4','basic_goal','基本目標','4','生活困窮状態からの早期自立に向けた体制の整備',NULL,'004_052cf2803b6d324c.txt',139,'基本目標');
INSERT INTO "plan_group" VALUES(27,2,18,'基本目標4-施策1','policy','施策','1','生活困窮世帯の就労支援の充実',26,'004_052cf2803b6d324c.txt',139,'施策');
INSERT INTO "plan_group" VALUES(28,2,19,'基本目標4-施策2','policy','施策','2','生活保護世帯の自立に向けた就労支援の充実',26,'004_052cf2803b6d324c.txt',139,'施策');
INSERT INTO "plan_group" VALUES(29,2,20,'基本目標4-施策3','policy','施策','3','生活保護世帯の健康維持・医療扶助の適正化',26,'004_052cf2803b6d324c.txt',139,'施策');
INSERT INTO "plan_group" VALUES(30,2,21,'基本目標5','basic_goal','基本目標','5','全ての子どもが健やかに成長できる体制づくり',NULL,'004_052cf2803b6d324c.txt',140,'基本目標');
INSERT INTO "plan_group" VALUES(31,2,22,'基本目標5-施策1','policy','施策',NULL,'子育てと就労を安心して両立できる環境づくり',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(32,2,23,'基本目標5-施策2','policy','施策',NULL,'全ての家庭が楽しく子育てをするための支援の充実',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(33,2,24,'基本目標5-施策3','policy','施策',NULL,'心身の健やかな成長の支援',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(34,2,25,'基本目標5-施策4','policy','施策',NULL,'個性を伸長する教育と次世代育成',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(35,2,26,'基本目標5-施策5','policy','施策',NULL,'子育て・子育て参加の意識啓発と実践',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(36,2,27,'基本目標5-施策6','policy','施策',NULL,'様々な状況にある子育て家庭への支援',30,'004_052cf2803b6d324c.txt',140,'施策');
INSERT INTO "plan_group" VALUES(37,3,0,'取組内容1','other','取組内容','1','成年後見センター（中核機関）事業',NULL,'004_052cf2803b6d324c.txt',764,NULL);
INSERT INTO "plan_group" VALUES(38,3,1,'取組内容2','other','取組内容','2','成年後見制度利用支援事業',NULL,'004_052cf2803b6d324c.txt',771,NULL);
CREATE TABLE progress_record (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
    -- NULL: one joint entry for all the measure's divisions.
    division_id INTEGER REFERENCES division (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    plan_text TEXT,
    result_text TEXT,
    evaluation_text TEXT,
    effect_text TEXT,
    -- Status: present when status_label is not NULL.
    status_code TEXT,
    status_label TEXT,
    status_original TEXT,
    -- Achievement: present when achievement_type is not NULL; the value as tagged JSON.
    achievement_type TEXT,
    achievement_value TEXT,
    achievement_original TEXT,
    -- Direction: present when direction_label is not NULL.
    direction_label TEXT,
    direction_original TEXT,
    -- The grade the report gives the measure itself for this year (評価), if any.
    grade TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT, cost_original TEXT,
    UNIQUE (plan_id, position),
    CHECK ((status_label IS NULL) = (status_original IS NULL)),
    CHECK ((achievement_type IS NULL) = (achievement_value IS NULL)),
    CHECK ((achievement_type IS NULL) = (achievement_original IS NULL)),
    CHECK ((direction_label IS NULL) = (direction_original IS NULL))
);
INSERT INTO "progress_record" VALUES(1,1,0,1,1,2019,NULL,'自殺を地域全体の課題として取り組み、包括的な自殺対策を推進していくため、保健、医療、福祉、教育、労働等で構成する協議会を、令和元年10月25日に開催しました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',9,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(2,1,1,2,1,2019,NULL,'全庁的に横断的な自殺対策を推進していくため、市役所内において構成される庁内組織である推進会議を、令和元年10月8日に開催しました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',10,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(3,1,2,3,1,2019,NULL,'市内の相談業務担当者を対象に、自殺に関する相談技術の向上と関係機関の連携体制の強化を図るため、令和元年8月2日に「うつ病の理解と対応」のテーマで医療法人北仁会石橋病院 内田啓仁副院長を講師に招き研修会を開催しました。61施設、108人が参加。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',11,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(4,1,3,4,1,2019,NULL,'問題を抱えて自殺を考えている人に気づき、声をかけ、話を聴き、必要な支援につなぎ、見守る役割を担うゲートキーパーを養成するため、市職員を対象に、令和2年1月21日・28日に講座を開催しました。延べ51人が参加。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',15,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(5,1,4,5,1,2019,NULL,'相談窓口で自殺リスクを有する相談者に対し、必要に応じて適切な相談機関につなげることができるよう、自殺対策に関する相談機関の一覧を作成しました。関係機関等に1,555枚配布。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',20,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(6,1,5,6,1,2019,NULL,'広報おたるの令和2年3月号に自殺予防について掲載しました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',21,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(7,1,6,7,1,2019,NULL,'メンタルヘルス等についての健康教育を6回実施しました。204人参加。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',22,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(8,1,7,8,1,2019,NULL,'心の健康に関する本人や家族等からの相談に対応しました。相談件数693件。 （電話相談481件、来所相談111件、訪問101件）。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',26,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(9,1,8,9,1,2019,NULL,'精神障がい者やひきこもりの方の居場所づくりとともに、社会復帰に向けた支援を行う「友遊クラブ」を6回開催しました。延20人が参加。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',27,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(10,1,9,10,2,2019,NULL,'子育て中の親子に対し、育児相談、情報の提供、助言等や保護者同士の交流促進の場を提供しました。また、子育てに不安を抱え、育児支援が必要な保護者が諸事情により子育て支援センターに来ることができない場合に、センターの保育士が家庭に出向き、育児相談等を行いました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',29,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(11,1,10,11,3,2019,NULL,'認知症の方とその家族、地域の方などが参加し集う場である認知症カフェを開催する団体に補助金を交付し、居場所づくりを支援しました。7団体に補助。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',30,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(12,1,11,12,4,2019,NULL,'令和元年11月1日(金)～令和元年12月31日(火)「届けよう! みんながもってる やさしい心」をテーマに、啓発資料の配付や研修会、いじめ防止サミット等を計画的に実施し、いじめ防止対策の推進を図りました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',34,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(13,1,12,13,4,2019,NULL,'児童生徒や保護者、教職員に対してカウンセリングを行い、必要に応じて緊急対応による派遣を行うなど、個別の支援の充実を図りました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',35,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(14,1,13,14,1,2019,NULL,'命の大切さや自分を大切にすることの重要性、困難に直面したときに SOS を出すことなどについて、小・中学校、高等学校に出向いて健康教育を実施しました。 小学校10回、中学校1回、高等学校3回。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',36,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(15,1,14,15,3,2019,NULL,'地域で実施している介護予防教室を自主運営するボランティアとして介護予防サポーターを養成しました。10回開設し、165人が参加。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',42,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(16,1,15,16,3,2019,NULL,'地域住民等による自主グループへの活動費を助成し、高齢者の居場所づくりを実施しました。24グループに助成し、延べ12,567人が利用。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',43,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(17,1,16,17,3,2019,NULL,'包括支援センターの運営を法人に委託し、総合相談業務等を市内4圏域において実施しました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',44,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(18,1,17,18,5,2019,NULL,'相談者からの相談を受けて、相談支援員や就労支援員がどのような支援が必要であるかを一緒に考え、寄り添いながら自立に向けた支援を行いました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',48,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(19,1,18,19,5,2019,NULL,'「社会との関わりに不安がある」、「他の人とのコミュニケーションがうまく取れない」など、すぐに就労することが難しい方に対して、社会参加に向けた基礎能力を養いながら就労に向けた支援を行いました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',49,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(20,1,19,20,6,2019,NULL,'「法律相談」、「身の上相談」、「くらしの行政相談」を実施し、市民からの法律や心配事等の相談について、弁護士、調停経験者等が解決に向けて対応しました。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'002_eba47c23c940212d.txt',54,'取組状況',NULL);
INSERT INTO "progress_record" VALUES(21,3,0,21,NULL,2024,NULL,'市民及び関係機関からの成年後見制度に関する相談を、成年後見制度の中核機関として、川口市成年後見センターにて電話・メール、来所、訪問等で受け付け、情報提供や助言等を行うとともに、相談内容に応じて関係機関と連携するなど支援を実施した。また、後見的支援を必要とする本人及びその親族、関係機関等から申立手続きの相談があった場合、適切な助言を行い、必要に応じて申立書類の作成・受任者調整及び申立続きの支援を実施した。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'B','004_052cf2803b6d324c.txt',778,'成年後見制度に関する相談対応及び申立支援',NULL);
INSERT INTO "progress_record" VALUES(22,3,1,22,NULL,2024,NULL,'成年後見制度の普及・啓発とともに正しい理解をしてもらうために、①介護支援専門員や相談支援専門員等支援者向けの基礎研修②市内各団体からの依頼に基づく出前講座③各専門職団体等に講師を依頼し、市民向け講座の3点を実施した。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',783,'成年後見制度の普及・啓発に関すること',NULL);
INSERT INTO "progress_record" VALUES(23,3,2,23,NULL,2024,NULL,'同じ地域に暮らす住人として成年後見制度が必要な方と同じ目線で考え、相談し合える、寄り添い型の支援を行う市民後見人の養成研修を行い、活動の場を設けた。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',788,'市民後見に関すること',NULL);
INSERT INTO "progress_record" VALUES(24,3,3,24,NULL,2024,NULL,'成年後見の相談業務に携わっている団体や機関が各々の事業内容を把握し、連携を深めていくために情報交換会を2回実施した。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',792,'関係機関との連携体制の構築',NULL);
INSERT INTO "progress_record" VALUES(25,3,4,25,NULL,2024,NULL,'成年後見制度の利用が必要な状況であるものの、本人や親族等による後見等開始の申立てが難しい場合に、本人に代わって家庭裁判所へ後見等開始の審判請求の申立を行った。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'B','004_052cf2803b6d324c.txt',798,'市長申立て',NULL);
INSERT INTO "progress_record" VALUES(26,3,5,26,NULL,2024,NULL,'成年後見制度を利用している方が、自身の財産状況等から成年後見人等への報酬を支払うことが困難な場合に報酬費用を助成した。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',802,'報酬助成',NULL);
INSERT INTO "progress_record" VALUES(27,4,0,27,NULL,2024,NULL,'●川口市生活自立サポートセンターにて、ハローワークと連携しながら、就労相談を継続して実施した。●協力雇用主の拡充を目指し、川口商工会議所の広報誌に募集記事を掲載した。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'B','004_052cf2803b6d324c.txt',877,'就労の確保支援',NULL);
INSERT INTO "progress_record" VALUES(28,4,1,28,NULL,2024,NULL,'●継続的に市営住宅の情報提供を実施した。●居住支援法人に関わる研修に保護司が参加したことにより、連携支援の必要性が認識できた。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'C','004_052cf2803b6d324c.txt',882,'住居の確保支援',NULL);
INSERT INTO "progress_record" VALUES(29,4,2,29,NULL,2024,NULL,'●保護司会が主催する青少年保護育成公開ケース研究会の開催支援を継続的に実施した。
●市内小中学校の生徒を対象に「社会を明るくする運動作文コンテスト」を実施した。
●教育委員会において、小中学生や保護者からの相談を行った。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'B','004_052cf2803b6d324c.txt',887,'学校と連携した学び、就学支援の充実',NULL);
INSERT INTO "progress_record" VALUES(30,4,3,30,NULL,2024,NULL,'重層的支援体制整備事業が本格実施となり、包括的な相談支援体制が構築され、各相談支援機関と連携を図り、対象者の状況に応じた適切な支援を行った。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',891,'保健医療・福祉サービスの利用の促進',NULL);
INSERT INTO "progress_record" VALUES(31,4,4,31,NULL,2024,NULL,'●地区保護司の充足率が90%を超えた。
●川口地区保護司会が主催する諸活動が円滑に進むように支援を行った。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'A','004_052cf2803b6d324c.txt',895,'民間協力者の活動の促進',NULL);
INSERT INTO "progress_record" VALUES(32,4,5,32,NULL,2024,NULL,'これまでの周知活動に加えて、「社会を明るくする運動」について、市内掲示板、FM川口、キャストビジョン、学校給食広告等、周知の機会を拡充し広報活動を積極的に行った。',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'C','004_052cf2803b6d324c.txt',899,'広報・啓発活動の推進',NULL);
CREATE TABLE rating (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    group_id INTEGER NOT NULL REFERENCES plan_group (id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    grade TEXT NOT NULL,
    reason TEXT,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    UNIQUE (plan_id, position)
);
INSERT INTO "rating" VALUES(1,2,0,9,2024,'B','世代属性を問わない交流の場の数が目標値に達していないものの、世代・属性を問わない交流の場を設置することやつながりサポーターの養成、移動販売に関する民間事業者との連携協定等、孤独・孤立対策として一定の成果を上げることができたため。','004_052cf2803b6d324c.txt',151,'評価');
INSERT INTO "rating" VALUES(2,2,1,14,2024,'B','介護が必要になった場合に「在宅介護」を望む人の割合が目標値に達していないものの、掲げた成果指標の多くにおいて目標値を超える又はそれに近い実績値となったため。','004_052cf2803b6d324c.txt',202,'評価');
INSERT INTO "rating" VALUES(3,2,2,19,2024,'B','あいサポート運動等による障害者の権利擁護の推進、地域生活支援拠点等ネットワークや自立支援協議会の各部会の活動による相談体制の充実、重度心身障害者医療費助成事業の訪問看護の現物給付開始など、障害者が安心して暮らせるよう障害者施策を実施したため。','004_052cf2803b6d324c.txt',263,'評価');
INSERT INTO "rating" VALUES(4,2,3,26,2024,'B','自立相談支援事業の利用者数の掘り起こしや健康診査受診率において、課題が見られるものの就労自立による生活保護廃止世帯数は一定の成果を上げることができたため。','004_052cf2803b6d324c.txt',323,'評価');
INSERT INTO "rating" VALUES(5,2,4,30,2024,'B','多くの事業において目標値を超える又はそれに近い実績値となったが、保育所等利用待機児童数が減少しなかったため。','004_052cf2803b6d324c.txt',358,'評価');
CREATE TABLE reported_grade (
    indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    grade TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (indicator_id, position)
);
INSERT INTO "reported_grade" VALUES(1,0,2024,'B','004_052cf2803b6d324c.txt',160,'評価');
INSERT INTO "reported_grade" VALUES(2,0,2024,'A','004_052cf2803b6d324c.txt',164,'評価');
INSERT INTO "reported_grade" VALUES(3,0,2024,'A','004_052cf2803b6d324c.txt',168,'評価');
INSERT INTO "reported_grade" VALUES(4,0,2024,'B','004_052cf2803b6d324c.txt',172,'評価');
INSERT INTO "reported_grade" VALUES(5,0,2024,'A','004_052cf2803b6d324c.txt',214,'評価');
INSERT INTO "reported_grade" VALUES(6,0,2024,'B','004_052cf2803b6d324c.txt',218,'評価');
INSERT INTO "reported_grade" VALUES(7,0,2024,'A','004_052cf2803b6d324c.txt',222,'評価');
INSERT INTO "reported_grade" VALUES(8,0,2024,'B','004_052cf2803b6d324c.txt',226,'評価');
INSERT INTO "reported_grade" VALUES(9,0,2024,'B','004_052cf2803b6d324c.txt',230,'評価');
INSERT INTO "reported_grade" VALUES(10,0,2024,'C','004_052cf2803b6d324c.txt',234,'評価');
INSERT INTO "reported_grade" VALUES(11,0,2024,'A','004_052cf2803b6d324c.txt',239,'評価');
INSERT INTO "reported_grade" VALUES(12,0,2024,'A','004_052cf2803b6d324c.txt',274,'評価');
INSERT INTO "reported_grade" VALUES(13,0,2024,'C','004_052cf2803b6d324c.txt',278,'評価');
INSERT INTO "reported_grade" VALUES(14,0,2024,'C','004_052cf2803b6d324c.txt',282,'評価');
INSERT INTO "reported_grade" VALUES(15,0,2024,'B','004_052cf2803b6d324c.txt',286,'評価');
INSERT INTO "reported_grade" VALUES(16,0,2024,'B','004_052cf2803b6d324c.txt',290,'評価');
INSERT INTO "reported_grade" VALUES(17,0,2024,'S','004_052cf2803b6d324c.txt',294,'評価');
INSERT INTO "reported_grade" VALUES(18,0,2024,'C','004_052cf2803b6d324c.txt',331,'評価');
INSERT INTO "reported_grade" VALUES(19,0,2024,'A','004_052cf2803b6d324c.txt',335,'評価');
INSERT INTO "reported_grade" VALUES(20,0,2024,'A','004_052cf2803b6d324c.txt',339,'評価');
INSERT INTO "reported_grade" VALUES(21,0,2024,'C','004_052cf2803b6d324c.txt',369,'評価');
INSERT INTO "reported_grade" VALUES(22,0,2024,'B','004_052cf2803b6d324c.txt',373,'評価');
INSERT INTO "reported_grade" VALUES(23,0,2024,'B','004_052cf2803b6d324c.txt',377,'評価');
INSERT INTO "reported_grade" VALUES(24,0,2024,'A','004_052cf2803b6d324c.txt',381,'評価');
INSERT INTO "reported_grade" VALUES(25,0,2024,'B','004_052cf2803b6d324c.txt',385,'評価');
INSERT INTO "reported_grade" VALUES(26,0,2024,'A','004_052cf2803b6d324c.txt',389,'評価');
INSERT INTO "reported_grade" VALUES(27,0,2024,'A','004_052cf2803b6d324c.txt',429,'評価');
INSERT INTO "reported_grade" VALUES(28,0,2024,'C','004_052cf2803b6d324c.txt',433,'評価');
INSERT INTO "reported_grade" VALUES(29,0,2024,'B','004_052cf2803b6d324c.txt',437,'評価');
INSERT INTO "reported_grade" VALUES(30,0,2024,'B','004_052cf2803b6d324c.txt',466,'評価');
INSERT INTO "reported_grade" VALUES(31,0,2024,'A','004_052cf2803b6d324c.txt',470,'評価');
INSERT INTO "reported_grade" VALUES(32,0,2024,'B','004_052cf2803b6d324c.txt',499,'評価');
INSERT INTO "reported_grade" VALUES(33,0,2024,'D','004_052cf2803b6d324c.txt',503,'評価');
INSERT INTO "reported_grade" VALUES(34,0,2024,'B','004_052cf2803b6d324c.txt',507,'評価');
INSERT INTO "reported_grade" VALUES(35,0,2024,'A','004_052cf2803b6d324c.txt',511,'評価');
INSERT INTO "reported_grade" VALUES(36,0,2024,'A','004_052cf2803b6d324c.txt',515,'評価');
INSERT INTO "reported_grade" VALUES(37,0,2024,'A','004_052cf2803b6d324c.txt',552,'評価');
INSERT INTO "reported_grade" VALUES(38,0,2024,'A','004_052cf2803b6d324c.txt',557,'評価');
INSERT INTO "reported_grade" VALUES(39,0,2024,'D','004_052cf2803b6d324c.txt',562,'評価');
INSERT INTO "reported_grade" VALUES(40,0,2024,'C','004_052cf2803b6d324c.txt',614,'評価');
INSERT INTO "reported_grade" VALUES(41,0,2024,'C','004_052cf2803b6d324c.txt',619,'評価');
INSERT INTO "reported_grade" VALUES(42,0,2024,'C','004_052cf2803b6d324c.txt',624,'評価');
INSERT INTO "reported_grade" VALUES(43,0,2024,'B','004_052cf2803b6d324c.txt',650,'評価');
INSERT INTO "reported_grade" VALUES(44,0,2024,'B','004_052cf2803b6d324c.txt',655,'評価');
INSERT INTO "reported_grade" VALUES(45,0,2024,'B','004_052cf2803b6d324c.txt',680,'評価');
INSERT INTO "reported_grade" VALUES(46,0,2024,'S','004_052cf2803b6d324c.txt',685,'評価');
INSERT INTO "reported_grade" VALUES(47,0,2024,'C','004_052cf2803b6d324c.txt',690,'評価');
CREATE TABLE source_document (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL,
    layout TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (plan_id, sha256),
    UNIQUE (plan_id, position)
);
INSERT INTO "source_document" VALUES(1,1,0,'002_eba47c23c940212d.txt','「小樽市自殺対策計画」に基づく取組状況（令和元年度）','otaru','d5ceab623dc4c05337a24871211e9113b12991f0ce6c5c6dce1f6fa248ace128');
INSERT INTO "source_document" VALUES(2,2,0,'004_052cf2803b6d324c.txt','令和 6 年度 川口市地域共生社会推進計画 評価報告書','kawaguchi_eval','c1fc144e331cc5443ac70f19cf7c57c880a55624831032597bbbeea217d8de4c');
INSERT INTO "source_document" VALUES(3,3,0,'004_052cf2803b6d324c.txt','令和 6 年度 川口市地域共生社会推進計画 評価報告書','kawaguchi_eval','c1fc144e331cc5443ac70f19cf7c57c880a55624831032597bbbeea217d8de4c');
INSERT INTO "source_document" VALUES(4,4,0,'004_052cf2803b6d324c.txt','令和 6 年度 川口市地域共生社会推進計画 評価報告書','kawaguchi_eval','c1fc144e331cc5443ac70f19cf7c57c880a55624831032597bbbeea217d8de4c');
CREATE TABLE source_document_date (
    source_document_id INTEGER NOT NULL REFERENCES source_document (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('cover', 'reporting_period', 'issue')),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER,
    end_year INTEGER,
    end_month INTEGER,
    end_day INTEGER,
    original TEXT NOT NULL,
    location_file TEXT NOT NULL,
    location_line INTEGER NOT NULL,
    location_field TEXT,
    PRIMARY KEY (source_document_id, role),
    CHECK ((role = 'reporting_period') = (end_year IS NOT NULL AND end_month IS NOT NULL))
);
INSERT INTO "source_document_date" VALUES(2,'cover',2025,3,NULL,NULL,NULL,NULL,'令和 7 年 3 月','004_052cf2803b6d324c.txt',7,NULL);
INSERT INTO "source_document_date" VALUES(2,'issue',2025,11,NULL,NULL,NULL,NULL,'令和 7 年 11 月','004_052cf2803b6d324c.txt',921,'発行日');
INSERT INTO "source_document_date" VALUES(2,'reporting_period',2024,4,1,2025,3,31,'令和6年度（令和6年4月1日～令和7年3月31日）','004_052cf2803b6d324c.txt',22,NULL);
CREATE TABLE status_level (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT,
    label TEXT NOT NULL,
    meaning TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);
CREATE UNIQUE INDEX municipality_name_code ON municipality (name, ifnull(code, ''));
CREATE INDEX division_department ON division (department_id);
CREATE INDEX plan_group_parent ON plan_group (parent_id);
CREATE INDEX listing_group ON listing (group_id);
CREATE INDEX assignment_division ON assignment (division_id);
CREATE UNIQUE INDEX progress_record_key
    ON progress_record (measure_id, ifnull(division_id, 0), fiscal_year);
CREATE INDEX progress_record_division ON progress_record (division_id);
CREATE INDEX indicator_group ON indicator (group_id);
CREATE INDEX rating_group ON rating (group_id);
CREATE INDEX outlook_group ON outlook (group_id);
CREATE INDEX import_plan_plan ON import_plan (plan_id);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('imports',2);
INSERT INTO "sqlite_sequence" VALUES('municipality',4);
INSERT INTO "sqlite_sequence" VALUES('plan',4);
COMMIT;