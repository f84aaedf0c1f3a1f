-- 013: the one time-bounded cache (lib/read/figures_cache.h): the school's and a
-- college's dashboard figures, at most Dash.SnapshotSeconds old, shared by
-- every web host. Nothing writes here but the dashboard; deleting every row
-- is always safe (the next request rebuilds).
CREATE TABLE IF NOT EXISTS snapshots (
	kind VARCHAR(16) NOT NULL,
	scope_id BIGINT NOT NULL,
	day DATE NOT NULL,
	made_at DATETIME(6) NULL,
	claimed_until DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00',
	body MEDIUMTEXT NOT NULL,
	PRIMARY KEY (kind, scope_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
