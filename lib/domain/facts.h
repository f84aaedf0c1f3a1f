/*
 * facts.h - the card's stored facts (card_facts, sql/009_card_facts.sql):
 * one row per person and term, written in the transaction of every change
 * that moves it, so that every reader on every host reads the truth.
 *
 * One function per kind of change; call it inside the writer's db_txn(),
 * after the write to the base table. card_facts_expected (a view) is the
 * same rows computed from the base tables: `hc-facts check` compares them
 * and `hc-facts rebuild` repairs, e.g. after data was changed by plain SQL.
 */
#ifndef HC_FACTS_H
#define HC_FACTS_H

#include <ClearSilver.h>
#include <stdbool.h>

/* A report stored for `day` (a check-in, a proxy fill, a make-up fill, a
 * resubmission after a send-back): the day joins the reported days and
 * the report may open an anomaly. */
NEOERR *facts_checkin(int person_id, int day);

/* The same for a report that is new (no report of that day before it),
 * with what it holds: its in_city_days and whether it opens an anomaly.
 * Nothing is read back from daily_reports: a new row can only add its
 * day, make the latest day its own, and open an anomaly. */
NEOERR *facts_new_report(int person_id, int day, int in_city_days, bool anomaly);

/* An anomaly verified or sent back (退回): a sent-back day is kept as
 * sent_back and counts as not reported until it is re-submitted. */
NEOERR *facts_anomaly(int person_id);

/* Any step of the return application of person_id for term_id: quiz,
 * pledge, submission, travel legs, an upload, a review decision, an
 * edited return window. */
NEOERR *facts_application(int person_id, int term_id);

/* The roster of term_id changed for the people of `ids`, a JSON array of
 * person ids ("[12,40]"): entries added or deleted by an import. */
NEOERR *facts_roster(int term_id, const char *ids);

/* An arrival or a move-in of person_id in term_id recorded. */
NEOERR *facts_arrival(int person_id, int term_id);

/* people.boarding of person_id changed (the counselor's correction). */
NEOERR *facts_boarding(int person_id);

/* A person made, or their identity or boarding changed (the admin's
 * pages): their rows of every term, computed anew. */
NEOERR *facts_person(int person_id);

/* People made or changed by an import, a JSON array of person ids
 * ("[12,40]"): as facts_person() for each, in two statements. */
NEOERR *facts_people(const char *ids);

/* A fever measured at a building's entrance opened or cleared
 * (passages.fever_state): the person's rows of every term. */
NEOERR *facts_door_fever(int person_id);

/* Central testing results (集中检测) stored for the people of `ids`, a JSON
 * array of person ids: their tested_locally (a negative result in the
 * term) and positive_test (the latest result of the term, when positive:
 * its sample day). */
NEOERR *facts_central_tests(const char *ids);

/* Reports of person_id deleted (a purge, domain/purge.h): what their rows
 * of every term hold from the reports (the latest day and its mask, the
 * open anomaly, the day sent back, the days in the city) read anew. */
NEOERR *facts_reports(int person_id);

/* A new term: a row for everyone. */
NEOERR *facts_term(int term_id);

#endif
