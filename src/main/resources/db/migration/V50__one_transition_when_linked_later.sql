-- worklist: records linked after both of a stay's discharges started their transitions of
-- care. Until the link, the two records were two people and each discharge started its
-- own tasks and TCM period; once linked they are one stay, and the later transition is
-- folded into the first (worklist.TransitionsOfCare, after the link commits).
--
-- The folded discharge's TCM period is kept, as everything else that was recorded on it
-- (a clinician's complexity judgement refers to it), but is no period of its own any more:
-- it names the period it is part of, and nothing counts or bills it.
alter table transition_of_care add column same_stay_as uuid references transition_of_care (encounter_id);

-- Why a change was made, where Northstar made it and a coordinator reading the history
-- would otherwise not know: a task cancelled because its stay was already followed up
-- under another source's discharge. Null for the changes a person made.
alter table task_history add column reason text;
