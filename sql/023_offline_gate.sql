-- Version 23: the gate offline (issue 21). A gate phone that cannot reach
-- the server verifies the card's signed token itself (Ed25519, the site's
-- public key on its page), says ALLOW or DENY from what the token says,
-- keeps the scan and uploads it when the network returns. Each upload is
-- one row here, once per token and device (a re-upload changes nothing):
--
--   scanned_at    the phone's clock when it scanned
--   state_signed  the card's state the token was signed with
--   result        what the phone showed: allow (green at signing) or deny
--   flag          why the server's own rules would have refused an allow
--                 (a scan.why.* name: expired_code, abnormal, ...); NULL
--                 when they agree. A flagged allow records no arrival: the
--                 gate's staff see it on /gates and decide.
--   arrival_id    the arrival an agreed allow recorded (at scanned_at)
CREATE TABLE IF NOT EXISTS offline_scans (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  device_id     INT NOT NULL,
  gate_id       INT NOT NULL,
  token_id      BINARY(16) NOT NULL,
  person_id     INT NOT NULL,
  issued_at     DATETIME NOT NULL,
  scanned_at    DATETIME NOT NULL,
  uploaded_at   DATETIME NOT NULL,
  state_signed  VARCHAR(32) NOT NULL,
  result        ENUM('allow','deny') NOT NULL,
  flag          VARCHAR(32) NULL,
  arrival_id    BIGINT NULL,
  UNIQUE KEY uq_offline_scan (token_id, device_id),
  KEY ix_offline_flag (flag, uploaded_at),
  KEY ix_offline_person (person_id),
  CONSTRAINT fk_off_device FOREIGN KEY (device_id) REFERENCES gate_devices(id),
  CONSTRAINT fk_off_gate FOREIGN KEY (gate_id) REFERENCES gates(id)
) ENGINE=InnoDB;

-- An arrival recorded from an offline scan: its time is the phone's.
ALTER TABLE arrivals ADD COLUMN IF NOT EXISTS offline TINYINT(1) NOT NULL DEFAULT 0;
