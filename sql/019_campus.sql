-- Version 19: life on campus after the return (issue 15, seed 003 三,
-- 健康出入证). Buildings and their entrances; who may enter a restricted
-- building; every passage through an entrance (the building pass's QR
-- scanned by the entrance's enrolled phone); who is in which building now;
-- and a fever measured at an entrance, which denies entry, turns the card
-- red (card_facts.door_fever) and waits in the counselor's queue.

CREATE TABLE IF NOT EXISTS buildings (
  id          INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(64) NOT NULL,
  kind        ENUM('teaching','dorm','library','bath','canteen','office','other') NOT NULL,
  -- 0: anyone whose card lets them pass; 1: only the groups listed in
  -- building_access.
  restricted  TINYINT(1) NOT NULL DEFAULT 0,
  created_at  DATETIME NOT NULL,
  UNIQUE KEY uq_building_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The groups a restricted building admits: an org unit (a college or a
-- class: its people) or an identity (staff, undergrad, grad). Exactly one.
CREATE TABLE IF NOT EXISTS building_access (
  id           INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  building_id  INT NOT NULL,
  unit_id      INT NULL,
  identity     ENUM('undergrad','grad','staff') NULL,
  KEY ix_access_building (building_id),
  CONSTRAINT fk_ba_building FOREIGN KEY (building_id) REFERENCES buildings(id),
  CONSTRAINT fk_ba_unit FOREIGN KEY (unit_id) REFERENCES org_units(id),
  CONSTRAINT ck_ba_one CHECK ((unit_id IS NULL) <> (identity IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An entrance is a gate of kind 'entrance' with its building: its phones
-- are enrolled and revoked as the campus gate's are (gate_devices).
ALTER TABLE gates
  MODIFY kind ENUM('gate','dorm','entrance') NOT NULL,
  ADD COLUMN IF NOT EXISTS building_id INT NULL,
  ADD CONSTRAINT fk_gate_building FOREIGN KEY IF NOT EXISTS (building_id) REFERENCES buildings(id);

-- Every scan of a building pass that decided something: allowed in or
-- out, or denied with the reason (gate.h's scan reason name: a fever, a
-- red card, a building that does not admit the person...). A fever opens
-- fever_state: the card is red until the counselor clears it. A pass's
-- code records one passage: the unique token decides a race between two
-- phones. (Forged and expired codes prove nothing: not recorded.)
CREATE TABLE IF NOT EXISTS passages (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id     INT NOT NULL,
  building_id   INT NOT NULL,
  entrance_id   INT NOT NULL,
  direction     ENUM('in','out') NOT NULL,
  at            DATETIME NOT NULL,
  result        ENUM('allow','deny') NOT NULL,
  reason        VARCHAR(24) NULL,
  temperature   DECIMAL(3,1) NULL,
  device_id     INT NULL,
  scanned_by    INT NULL,
  token_mac     BINARY(16) NOT NULL,
  fever_state   ENUM('none','open','cleared') NOT NULL DEFAULT 'none',
  verified_by   INT NULL,
  verified_at   DATETIME NULL,
  verify_reason VARCHAR(500) NULL,
  UNIQUE KEY uq_passage_token (token_mac),
  KEY ix_passage_person (person_id, at),
  KEY ix_passage_building (building_id, at),
  KEY ix_passage_fever (fever_state, person_id),
  CONSTRAINT fk_ps_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_ps_building FOREIGN KEY (building_id) REFERENCES buildings(id),
  CONSTRAINT fk_ps_entrance FOREIGN KEY (entrance_id) REFERENCES gates(id),
  CONSTRAINT ck_ps_temp CHECK (temperature IS NULL OR temperature BETWEEN 30.0 AND 45.0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who is in which building now: written in the passage's transaction (in:
-- the row is the person's; out: it goes), so it never disagrees with the
-- passages.
CREATE TABLE IF NOT EXISTS building_presence (
  person_id    INT NOT NULL PRIMARY KEY,
  building_id  INT NOT NULL,
  since        DATETIME NOT NULL,
  passage_id   BIGINT NOT NULL,
  KEY ix_presence_building (building_id),
  CONSTRAINT fk_bp_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_bp_building FOREIGN KEY (building_id) REFERENCES buildings(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who may approve a temporary pass for a building (seed 003: 选择审批人):
-- staff with a reviewing role, listed by the admin. None listed: the
-- applicant's counselor approves.
CREATE TABLE IF NOT EXISTS building_approvers (
  building_id  INT NOT NULL,
  person_id    INT NOT NULL,
  PRIMARY KEY (building_id, person_id),
  CONSTRAINT fk_bap_building FOREIGN KEY (building_id) REFERENCES buildings(id),
  CONSTRAINT fk_bap_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 临时出入审批: a pass to a building the person may not otherwise enter
-- (restricted, or no pass of their own), for a window of at most
-- Policy.TempPassMaxHours, approved in the review queue by the approver
-- they chose (approver_id) or, with none, their counselor.
CREATE TABLE IF NOT EXISTS temp_passes (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id        INT NOT NULL,
  building_id      INT NOT NULL,
  reason           VARCHAR(200) NOT NULL,
  valid_from       DATETIME NOT NULL,
  valid_until      DATETIME NOT NULL,
  approver_id      INT NULL,
  state            ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  created_at       DATETIME NOT NULL,
  decided_by       INT NULL,
  decided_at       DATETIME NULL,
  decision_reason  VARCHAR(500) NULL,
  KEY ix_temp_person (person_id, building_id, state),
  CONSTRAINT fk_tp_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT fk_tp_building FOREIGN KEY (building_id) REFERENCES buildings(id),
  CONSTRAINT fk_tp_approver FOREIGN KEY (approver_id) REFERENCES people(id),
  CONSTRAINT ck_tp_window CHECK (valid_until > valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The fever at an entrance (ref_id: passages.id) and the temporary pass
-- (temp_passes.id) in the queue. assignee_id: the one person an item is
-- for (the approver a temporary pass chose), whatever their scope; NULL:
-- the queue's usual reviewer (the counselor for these kinds).
ALTER TABLE queue_items
  MODIFY kind ENUM('makeup','anomaly','first_review','second_review','fever','temp_pass','leave') NOT NULL,
  ADD COLUMN IF NOT EXISTS assignee_id INT NULL,
  ADD KEY IF NOT EXISTS ix_queue_assignee (assignee_id, state);

-- The card's fact: the day of the oldest fever at an entrance not cleared
-- yet, the person's whatever the term (as open_anomaly). No passage exists
-- yet, so NULL is every row's value: the view agrees.
ALTER TABLE card_facts ADD COLUMN IF NOT EXISTS door_fever DATE NULL;
-- (The view, sql/views/card_facts_expected.sql, reads passages.)

-- 健康预约 (seed 003 三, venue booking): a venue (the bathhouse...) in a
-- building, open from `opens` to `closes` each day in slots of
-- slot_minutes with `capacity` places each. venue_slots.booked counts the
-- places taken of one slot: the booking's transaction raises it only while
-- it is below the capacity (one statement, the row locked), so two people
-- taking the last place get one booking between them. A booking not
-- checked in within Policy.BookingGraceMinutes of its start lapses and
-- gives its place back (in the next booking transaction of that slot, or
-- any read of the person's bookings).
CREATE TABLE IF NOT EXISTS venues (
  id            INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  building_id   INT NOT NULL,
  name          VARCHAR(64) NOT NULL,
  opens         TIME NOT NULL,
  closes        TIME NOT NULL,
  slot_minutes  INT NOT NULL,
  capacity      INT NOT NULL,
  created_at    DATETIME NOT NULL,
  UNIQUE KEY uq_venue_name (name),
  CONSTRAINT fk_venue_building FOREIGN KEY (building_id) REFERENCES buildings(id),
  CONSTRAINT ck_venue_slots CHECK (slot_minutes BETWEEN 10 AND 480 AND capacity BETWEEN 1 AND 10000
    AND closes > opens)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS venue_slots (
  venue_id    INT NOT NULL,
  starts_at   DATETIME NOT NULL,
  booked      INT NOT NULL DEFAULT 0,
  PRIMARY KEY (venue_id, starts_at),
  CONSTRAINT fk_vs_venue FOREIGN KEY (venue_id) REFERENCES venues(id),
  CONSTRAINT ck_vs_booked CHECK (booked >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS bookings (
  id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  venue_id       INT NOT NULL,
  person_id      INT NOT NULL,
  starts_at      DATETIME NOT NULL,
  ends_at        DATETIME NOT NULL,
  -- booked: a place held; in: checked in at the venue; ended: by a scan
  -- at the exit, on the phone, or when the slot was over; lapsed: not
  -- checked in within the grace (a no-show); cancelled: before its start.
  state          ENUM('booked','in','ended','lapsed','cancelled') NOT NULL DEFAULT 'booked',
  created_at     DATETIME NOT NULL,
  checked_in_at  DATETIME NULL,
  temperature    DECIMAL(3,1) NULL,
  checkin_mac    BINARY(16) NULL,       -- the code that checked in: shown again, it ends nothing
  ended_at       DATETIME NULL,
  ended_how      ENUM('scan','phone','timeout') NULL,
  KEY ix_booking_person (person_id, state, starts_at),
  KEY ix_booking_slot (venue_id, starts_at, state),
  KEY ix_booking_state (state, starts_at),
  CONSTRAINT fk_bk_venue FOREIGN KEY (venue_id) REFERENCES venues(id),
  CONSTRAINT fk_bk_person FOREIGN KEY (person_id) REFERENCES people(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 请销假 (seed 000 FAQ 7): a student on campus asks to leave for some days
-- (destination, reason); the counselor approves in the review queue
-- (kind 'leave'); the campus gate's scan of their card records the way
-- out (exited_at) and, later, the way back (returned_at), which closes the
-- leave. Approved, out, and not back after ends_on: overdue, on the
-- counselor's dashboard. exit_mac: the card code that let them out, shown
-- again, records no return.
CREATE TABLE IF NOT EXISTS leaves (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id        INT NOT NULL,
  starts_on        DATE NOT NULL,
  ends_on          DATE NOT NULL,
  destination      VARCHAR(100) NOT NULL,
  reason           VARCHAR(200) NOT NULL,
  state            ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
  created_at       DATETIME NOT NULL,
  decided_by       INT NULL,
  decided_at       DATETIME NULL,
  decision_reason  VARCHAR(500) NULL,
  exited_at        DATETIME NULL,
  exit_gate        INT NULL,
  exit_mac         BINARY(16) NULL,
  returned_at      DATETIME NULL,
  return_gate      INT NULL,
  KEY ix_leave_person (person_id, state),
  KEY ix_leave_due (state, ends_on),
  CONSTRAINT fk_lv_person FOREIGN KEY (person_id) REFERENCES people(id),
  CONSTRAINT ck_lv_days CHECK (ends_on >= starts_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
