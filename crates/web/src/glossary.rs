//! 用語の説明: the words of the reports a citizen may not know (再掲, 達成度, 記載なし, 点検指摘,
//! 評価 S–D …), explained on the page where they appear (a short note linking to `/glossary`)
//! and all together on `/glossary`.

/// One term: its anchor on `/glossary`, the word, and the explanation.
pub struct Term {
    pub id: &'static str,
    pub word: &'static str,
    pub text: &'static str,
}

pub const TERMS: &[Term] = &[
    Term {
        id: "saikei",
        word: "再掲",
        text: "同じ事業が複数の施策に関係するとき、報告書が別の施策の下にもう一度載せていることを示します。事業の数を数えるときは1件として数えています。",
    },
    Term {
        id: "tassei",
        word: "達成度",
        text: "担当課が事業の計画に対してどの程度実施できたかを示した値です。報告書により「80%」のような割合のほか、「実施」「未実施」などの区分で書かれます。書き方は計画ごとに異なり、割合は目安です。",
    },
    Term {
        id: "kisainashi",
        word: "記載なし",
        text: "報告書のその欄に何も書かれていないことを示します。実施しなかったという意味ではありません。",
    },
    Term {
        id: "tenken",
        word: "点検指摘",
        text: "このサイトが報告書の数値と記載を機械的に照合し、食い違いや確認が必要な点を示したものです。報告書の誤りと決まったわけではなく、確認のきっかけです。",
    },
    Term {
        id: "hyoka",
        word: "評価（S〜D）",
        text: "目標や成果指標の達成状況を表す評価です。S が最もよく、A・B・C・D の順に低くなります。目標値に対する実績の割合などの基準は計画ごとに定められており、評価報告書のページに計画の基準を示しています。",
    },
    Term {
        id: "houkousei",
        word: "方向性",
        text: "翌年度に事業をどうするか（継続・拡充・縮小・廃止など）を担当課が示したものです。",
    },
    Term {
        id: "youchuui",
        word: "要注意",
        text: "評価がC以下、取組状況が未実施、達成度が前年度より下がった、前年度は報告があったのに今年度は報告がない、のいずれかに当たる項目です。事業の良し悪しを決めるものではなく、詳しく見るべき箇所の目印です。",
    },
];

/// The term with anchor `id`.
pub fn term(id: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.id == id)
}

/// Notes for a page: the terms with these anchors, in the order given.
pub fn notes(ids: &[&str]) -> Vec<&'static Term> {
    ids.iter().filter_map(|id| term(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_a_unique_anchor_and_an_explanation() {
        let mut ids: Vec<&str> = TERMS.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), TERMS.len());
        assert!(TERMS.iter().all(|t| t.text.chars().count() > 20));
        assert_eq!(notes(&["saikei", "nope", "tenken"]).len(), 2);
    }
}
