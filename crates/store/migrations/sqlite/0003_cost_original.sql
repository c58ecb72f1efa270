-- shinchoku store, schema version 3: the 経費 cell as the document writes it.
--
-- ProgressRecord::cost_original: the cost cell verbatim (「40,000円 (No.71、72、73の総額)」,
-- 「—」), shown by the reproduced report table; the amounts read from it stay in cost_item.
-- NULL when the layout has no cost cell, and for records stored before this version (the
-- table then rebuilds the cell from the cost items, as before).
--
-- Numbered 3 because migration 2 was being written at the same time on another branch; the
-- runner takes versions from the file numbers, so this applies after version 1 as well.

ALTER TABLE progress_record ADD COLUMN cost_original TEXT;
