-- Version 4: the gate scan.

-- The card QR's token that recorded a scan: the same code shown again is a
-- replay. Arrivals recorded without a token (the gate's printed code,
-- demo data) leave it NULL.
ALTER TABLE arrivals
  ADD COLUMN token_mac BINARY(16) NULL,
  ADD UNIQUE KEY uq_arrival_token (token_mac),
  ADD KEY ix_arrival_gate (gate_id, at);

-- The printed gate code is derived from the gate's id and this serial;
-- "new code" bumps it and every earlier print stops working.
ALTER TABLE gates
  ADD COLUMN code_serial INT NOT NULL DEFAULT 1;

ALTER TABLE gate_devices
  ADD COLUMN revoked_by INT NULL,
  ADD KEY ix_device_gate (gate_id);
