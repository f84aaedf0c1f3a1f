/*
 * outbox.c - the outbox sender: delivers the messages pages queue in the
 * `outbox` table (SMS, WeChat Work, mail) by running a command for each,
 * with retries and exponential back-off. Pages never wait for delivery.
 *
 *   outbox [--once]          one pass over what is due, then exit (cron)
 *   outbox --dry-run         print what would be sent; change nothing
 *   outbox --loop SECONDS    keep draining, sleeping SECONDS between passes;
 *                            SIGTERM / SIGINT stop it after the message
 *                            in hand
 *
 * Configuration: the pages' HDF file named by $HEALTHCARD_CONF (DB.*,
 * Time.Zone), plus
 *   Outbox.Command         run through /bin/sh for each message, e.g.
 *                          "/usr/sbin/sendmail -t" or a script posting to
 *                          WeChat Work or an SMS gateway. The payload is
 *                          its stdin; its environment has HC_OUTBOX_ID,
 *                          HC_PERSON_ID, HC_CHANNEL, HC_PHONE (people.phone),
 *                          HC_NUMBER (people.number), HC_NAME, HC_EMAIL
 *                          (the address the person gave on /notices) and
 *                          HC_ATTEMPT (1 for the first try). Exit status 0
 *                          means delivered; its stdout is discarded, the
 *                          first line of its stderr is kept on failure.
 *                          Required (but for --dry-run), unless
 *                          Outbox.Send names a command for each channel.
 *   Outbox.Send.<channel>.Command   the command for the messages of one
 *                          channel (sms, wechat, mail), in place of
 *                          Outbox.Command: tools/outbox-mail and
 *                          tools/outbox-wechat are two
 *   Outbox.Send.<channel>.Env.<NAME>   set in that command's environment
 *                          (a webhook's key, a sender's address): kept
 *                          out of its command line, which ps shows
 *   Outbox.MaxAttempts     default 5: failed_at is set after this many
 *                          failed attempts, and the message is not retried
 *   Outbox.BackoffSeconds  default 60: the wait after failed attempt n is
 *                          BackoffSeconds * 2^(n-1) (at most a year)
 *   Outbox.Batch           default 100: messages per pass
 *   Outbox.TimeoutSeconds  default 30: a command still running after this
 *                          long is killed (its whole process group) and
 *                          the attempt counts as failed
 *
 * A message is due when sent_at IS NULL AND failed_at IS NULL AND
 * (next_attempt_at IS NULL OR next_attempt_at <= now); a pass takes them
 * oldest (lowest id) first. All times are the school's (Time.Zone).
 *
 * No message is sent twice by two senders running at once (cron overlap,
 * or a --loop sender beside a cron one). A pass reads the ids of the due
 * messages without locking, then claims each in its own short transaction:
 * SELECT ... WHERE id = ? AND <still due> FOR UPDATE SKIP LOCKED (a row
 * another sender is claiming is skipped, not waited for), an UPDATE that
 * pushes next_attempt_at forward as a lease (TimeoutSeconds + LEASE_MARGIN,
 * so the message is no longer due for anyone), COMMIT; only then does the
 * command run. A failure is written only while the lease is still ours. A
 * sender killed mid-command leaves the lease to expire and the message is
 * tried again then: delivery is at least once, and never lost.
 *
 * Exit status: 0 when the pass ran (even if some messages failed), 1 when
 * the database is unreachable or failed mid-pass, 2 for bad options or a
 * bad configuration. In --loop mode database errors are reported and the
 * next pass tries again. One summary line per pass on stdout:
 * "outbox: N sent, N retry later, N failed"; each failed attempt is also
 * reported on stderr.
 */
#include "web/app.h"
#include "core/conf.h"
#include "core/db.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long past TimeoutSeconds a claimed message stays ours. */
#define LEASE_MARGIN 60
/* A timed-out command gets SIGTERM, then SIGKILL this much later. */
#define KILL_GRACE_MS 2000
/* last_error's column width, in characters. */
#define ERROR_CHARS 500
/* The cap on one back-off wait. */
#define MAX_BACKOFF (365LL * 24 * 3600)

enum { EXIT_PASS_OK = 0, EXIT_DB = 1, EXIT_USAGE = 2 };

struct options {
	bool dry_run;
	int loop_seconds;        /* 0: one pass */
};

struct settings {
	const char *command;
	int max_attempts;
	int backoff_seconds;
	int batch;
	int timeout_seconds;
};

struct message {
	long long id;
	long long person_id;
	int attempts;            /* failed attempts so far */
	char channel[80];
	char phone[160];
	char number[160];
	char name[288];
	char email[255];
	char *payload;
	size_t payload_len;
	char lease[20];          /* next_attempt_at while we hold it */
};

/* What running the command came to. */
struct outcome {
	int status;              /* from waitpid(); valid when started */
	bool started;
	bool timed_out;
	char spawn_error[160];   /* why it could not start */
	char err[2048];          /* the start of its stderr */
	size_t err_len;
};

struct tally {
	int due, sent, retry, failed;
};

static volatile sig_atomic_t stopping;

/* ---- options and configuration ---------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: outbox [--once | --dry-run | --loop SECONDS]\n"
	      "  --once           one pass over the due messages, then exit (default)\n"
	      "  --dry-run        print what would be sent, change nothing\n"
	      "  --loop SECONDS   keep draining, sleeping SECONDS between passes\n"
	      "The configuration is the HDF file named by $HEALTHCARD_CONF;\n"
	      "Outbox.Command is run for each message (see tools/outbox.c).\n", f);
}

/* A whole number >= min, from the whole of text. */
static bool parse_count(const char *text, int min, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == text || *end != '\0' || n < min || n > INT_MAX)
		return false;
	*out = (int)n;
	return true;
}

static bool parse_options(int argc, char **argv, struct options *opt)
{
	bool once = false;

	*opt = (struct options){ 0 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--once")) {
			once = true;
		} else if (!strcmp(a, "--dry-run")) {
			opt->dry_run = true;
		} else if (!strcmp(a, "--loop") || !strncmp(a, "--loop=", 7)) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : "");
			if (!parse_count(v, 1, &opt->loop_seconds)) {
				fprintf(stderr, "outbox: --loop wants a number of seconds >= 1, not '%s'\n", v);
				return false;
			}
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(EXIT_PASS_OK);
		} else {
			fprintf(stderr, "outbox: unknown option '%s'\n", a);
			usage(stderr);
			return false;
		}
	}
	if (opt->loop_seconds && (once || opt->dry_run)) {
		fprintf(stderr, "outbox: --loop goes with neither --once nor --dry-run\n");
		return false;
	}
	return true;
}

/* Outbox.<name> as a whole number >= min, or def when it is not set. */
static bool conf_count(const char *name, int def, int min, int *out)
{
	char key[64];
	const char *v;

	snprintf(key, sizeof key, "Outbox.%s", name);
	v = conf_str(key, NULL);
	if (v == NULL || *v == '\0') {
		*out = def;
		return true;
	}
	if (parse_count(v, min, out))
		return true;
	fprintf(stderr, "outbox: bad configuration: %s = '%s' (want a whole number >= %d)\n",
		key, v, min);
	return false;
}

static bool load_settings(struct settings *set, bool dry_run)
{
	const char *cmd = conf_str("Outbox.Command", "");

	while (isspace((unsigned char)*cmd))
		cmd++;
	set->command = *cmd ? cmd : NULL;
	if (set->command == NULL && !dry_run && hdf_get_obj(conf_hdf(), "Outbox.Send") == NULL) {
		fprintf(stderr, "outbox: bad configuration: Outbox.Command is not set "
			"(the command that delivers one message)\n");
		return false;
	}
	return conf_count("MaxAttempts", 5, 1, &set->max_attempts) &&
	       conf_count("BackoffSeconds", 60, 0, &set->backoff_seconds) &&
	       conf_count("Batch", 100, 1, &set->batch) &&
	       conf_count("TimeoutSeconds", 30, 1, &set->timeout_seconds);
}

/* Prints "outbox: what: message" and frees err. */
static void report_error(const char *what, NEOERR **err)
{
	STRING s;

	string_init(&s);
	nerr_error_string(*err, &s);
	fprintf(stderr, "outbox: %s: %s\n", what, s.buf ? s.buf : "unknown error");
	string_clear(&s);
	nerr_ignore(err);
}

/* ---- time and text ---------------------------------------------------- */

/* now + seconds in the school's time zone, as DATETIME text. */
static void local_time_after(long long seconds, char out[20])
{
	time_t t = time(NULL) + (time_t)seconds;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* BackoffSeconds * 2^(attempt-1), capped. */
static long long backoff_after(const struct settings *set, int attempt)
{
	long long wait = set->backoff_seconds;

	for (int i = 1; i < attempt && wait < MAX_BACKOFF; i++)
		wait *= 2;
	return wait < MAX_BACKOFF ? wait : MAX_BACKOFF;
}

/* The length of the valid UTF-8 sequence at s, 0 when it is not one. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2; cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3; cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4; cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* Appends the first non-blank line of in[0..n) to out (which holds *o
 * bytes, *chars characters) as valid UTF-8, stopping at max_chars: bytes
 * that are not UTF-8 and control characters become '?'. A command's
 * stderr may be in any encoding; the column takes only utf8mb4. */
static void append_first_line(char *out, size_t size, size_t *o, int *chars,
			      int max_chars, const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;

	while (i < n && isspace(s[i]))
		i++;
	while (i < n && *chars < max_chars) {
		size_t len = utf8_seq_len(s + i, n - i);
		unsigned char c = s[i];

		if (c == '\n' || c == '\r')
			break;
		if (len == 0 || c < 0x20 || c == 0x7f) {
			len = len ? len : 1;
			c = c == '\t' ? ' ' : '?';
			if (*o + 1 >= size)
				break;
			out[(*o)++] = (char)c;
		} else {
			if (*o + len >= size)
				break;
			memcpy(out + *o, s + i, len);
			*o += len;
		}
		i += len;
		(*chars)++;
	}
	out[*o] = '\0';
}

/* last_error: how the command ended and the first line of its stderr. */
static void describe_failure(const struct settings *set, const struct outcome *oc,
			     char *out, size_t size)
{
	char head[200];
	size_t o = 0;
	int chars = 0;

	if (!oc->started)
		snprintf(head, sizeof head, "not started: %s", oc->spawn_error);
	else if (oc->timed_out)
		snprintf(head, sizeof head, "timed out after %d s, killed", set->timeout_seconds);
	else if (WIFEXITED(oc->status))
		snprintf(head, sizeof head, "exit status %d", WEXITSTATUS(oc->status));
	else if (WIFSIGNALED(oc->status))
		snprintf(head, sizeof head, "killed by signal %d", WTERMSIG(oc->status));
	else
		snprintf(head, sizeof head, "wait status %d", oc->status);
	out[0] = '\0';
	append_first_line(out, size, &o, &chars, ERROR_CHARS, head, strlen(head));
	if (oc->err_len == 0 || chars + 2 >= ERROR_CHARS)
		return;
	/* Only when stderr says something beyond blanks. */
	for (size_t i = 0; i < oc->err_len; i++) {
		if (!isspace((unsigned char)oc->err[i])) {
			append_first_line(out, size, &o, &chars, ERROR_CHARS, ": ", 2);
			append_first_line(out, size, &o, &chars, ERROR_CHARS,
					  oc->err, oc->err_len);
			return;
		}
	}
}

/* ---- the database ----------------------------------------------------- */

static void message_clear(struct message *m)
{
	free(m->payload);
	*m = (struct message){ 0 };
}

static void copy_col(char *dst, size_t size, DB_CURSOR *cur, int col)
{
	const char *v = db_str(cur, col);

	snprintf(dst, size, "%s", v ? v : "");
}

/* The person's phone, number and name (empty when there is no such row). */
static NEOERR *load_person(struct message *m)
{
	DB_CURSOR *cur = NULL;
	NEOERR *err;

	err = db_query(&cur, "SELECT p.phone, p.number, p.name, np.email FROM people p "
		       "LEFT JOIN notice_prefs np ON np.person_id = p.id WHERE p.id = ?",
		       "i", m->person_id);
	if (err)
		goto cleanup;
	if (db_next(cur)) {
		copy_col(m->phone, sizeof m->phone, cur, 0);
		copy_col(m->number, sizeof m->number, cur, 1);
		copy_col(m->name, sizeof m->name, cur, 2);
		copy_col(m->email, sizeof m->email, cur, 3);
	}
cleanup:
	db_cursor_free(&cur);
	return nerr_pass(err);
}

/* The ids of up to Batch due messages, oldest first, read without locks:
 * each is then claimed on its own, or found taken by another sender. */
static NEOERR *due_ids(const struct settings *set, long long **ids, int *n)
{
	DB_CURSOR *cur = NULL;
	long long *v = NULL;
	int cap = 0;
	char now[20];
	NEOERR *err;

	*n = 0;
	app_now(now);
	err = db_query(&cur,
		"SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
		" AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
		" ORDER BY id LIMIT ?", "si", now, (long long)set->batch);
	while (err == STATUS_OK && db_next(cur)) {
		if (*n == cap) {
			int bigger = cap ? cap * 2 : 64;
			long long *more = realloc(v, sizeof *v * (size_t)bigger);

			if (more == NULL) {
				err = nerr_raise(NERR_NOMEM, "due message ids");
				goto cleanup;
			}
			v = more;
			cap = bigger;
		}
		v[(*n)++] = db_int(cur, 0);
	}
cleanup:
	db_cursor_free(&cur);
	if (err) {
		free(v);
		v = NULL;
		*n = 0;
	}
	*ids = v;
	return nerr_pass(err);
}

struct claim {
	const struct settings *set;
	long long id;
	struct message *msg;
	bool found;
};

/* One short transaction: lock the message unless another sender holds it
 * (SKIP LOCKED: no waiting) and unless it is no longer due, push its
 * next_attempt_at forward as our lease, read what sending needs. The lock
 * is on one row, by primary key, whatever plan the due query had. */
static NEOERR *claim_txn(void *ctx)
{
	struct claim *c = ctx;
	struct message *m = c->msg;
	DB_CURSOR *cur = NULL;
	char now[20];
	NEOERR *err;

	message_clear(m);
	c->found = false;
	app_now(now);
	err = db_query(&cur,
		"SELECT person_id, channel, payload, attempts FROM outbox"
		" WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL"
		" AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
		" FOR UPDATE SKIP LOCKED", "is", c->id, now);
	if (err || !db_next(cur))
		goto cleanup;
	m->id = c->id;
	m->person_id = db_int(cur, 0);
	copy_col(m->channel, sizeof m->channel, cur, 1);
	m->payload_len = db_len(cur, 2);
	m->payload = strndup(db_str(cur, 2) ? db_str(cur, 2) : "", m->payload_len);
	m->attempts = (int)db_int(cur, 3);
	if (m->payload == NULL) {
		err = nerr_raise(NERR_NOMEM, "payload of message %lld", m->id);
		goto cleanup;
	}
	local_time_after(c->set->timeout_seconds + LEASE_MARGIN, m->lease);
	err = db_exec(NULL, NULL, "UPDATE outbox SET next_attempt_at = ? WHERE id = ?",
		      "si", m->lease, m->id);
	if (err == STATUS_OK)
		err = load_person(m);
	c->found = err == STATUS_OK;
cleanup:
	db_cursor_free(&cur);
	return nerr_pass(err);
}

static NEOERR *claim(const struct settings *set, long long id,
		     struct message *m, bool *found)
{
	struct claim c = { .set = set, .id = id, .msg = m };
	NEOERR *err = db_txn(claim_txn, &c);

	*found = err == STATUS_OK && c.found;
	return nerr_pass(err);
}

static NEOERR *record_sent(const struct message *m)
{
	char now[20];

	app_now(now);
	return nerr_pass(db_exec(NULL, NULL,
		"UPDATE outbox SET sent_at = ?, next_attempt_at = NULL"
		" WHERE id = ? AND sent_at IS NULL", "si", now, m->id));
}

/* attempts+1, last_error, next_attempt_at after the back-off, or failed_at
 * when that was the last attempt; *final tells which. Written only while
 * the lease is ours: *kept is false when another sender took it over. */
static NEOERR *record_failure(const struct settings *set, const struct message *m,
			      const char *error, bool *final, bool *kept)
{
	int attempt = m->attempts + 1;
	unsigned long long changed = 0;
	char now[20], next[20];
	NEOERR *err;

	*final = attempt >= set->max_attempts;
	app_now(now);
	local_time_after(backoff_after(set, attempt), next);
	err = db_exec(&changed, NULL,
		"UPDATE outbox SET attempts = ?, last_error = ?,"
		" next_attempt_at = ?, failed_at = ?"
		" WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL"
		" AND next_attempt_at = ?",
		"isssis", (long long)attempt, error, *final ? NULL : next,
		*final ? now : NULL, m->id, m->lease);
	*kept = changed == 1;
	return nerr_pass(err);
}

/* ---- running the command ---------------------------------------------- */

static void export_message_env(const struct message *m)
{
	char n[32];

	snprintf(n, sizeof n, "%lld", m->id);
	setenv("HC_OUTBOX_ID", n, 1);
	snprintf(n, sizeof n, "%lld", m->person_id);
	setenv("HC_PERSON_ID", n, 1);
	snprintf(n, sizeof n, "%d", m->attempts + 1);
	setenv("HC_ATTEMPT", n, 1);
	setenv("HC_CHANNEL", m->channel, 1);
	setenv("HC_PHONE", m->phone, 1);
	setenv("HC_NUMBER", m->number, 1);
	setenv("HC_NAME", m->name, 1);
	setenv("HC_EMAIL", m->email, 1);
}

/* A name made of [A-Za-z0-9_], not starting with a digit: a channel's
 * (an HDF path of its own) or an environment variable's. */
static bool plain_name(const char *s, bool upper_ok)
{
	if (s == NULL || *s == '\0' || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      (upper_ok && *s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

/* Outbox.Send.<channel>, or NULL. */
static HDF *channel_conf(const char *channel)
{
	HDF *send = hdf_get_obj(conf_hdf(), "Outbox.Send");

	return send && plain_name(channel, false) ? hdf_get_obj(send, channel) : NULL;
}

/* The channel's command, else Outbox.Command; NULL when neither is set. */
static const char *command_for(const struct settings *set, const char *channel)
{
	HDF *ch = channel_conf(channel);
	const char *cmd = ch ? hdf_get_value(ch, "Command", NULL) : NULL;

	return cmd && *cmd ? cmd : set->command;
}

/* In the child: Outbox.Send.<channel>.Env.* into the environment. */
static void export_channel_env(const char *channel)
{
	HDF *ch = channel_conf(channel);
	HDF *env = ch ? hdf_get_obj(ch, "Env") : NULL;

	for (HDF *v = env ? hdf_obj_child(env) : NULL; v; v = hdf_obj_next(v))
		if (plain_name(hdf_obj_name(v), true) && hdf_obj_value(v))
			setenv(hdf_obj_name(v), hdf_obj_value(v), 1);
}

/* The payload in an anonymous memory file, to be the command's stdin:
 * it never touches the disk, and the command reads it at its own pace. */
static int payload_fd(const struct message *m)
{
	int fd = memfd_create("outbox-payload", MFD_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < m->payload_len) {
		ssize_t w = write(fd, m->payload + done, m->payload_len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (lseek(fd, 0, SEEK_SET) == 0)
		return fd;
fail:
	close(fd);
	return -1;
}

/* In the child: stdin the payload, stdout /dev/null, stderr the pipe,
 * nothing else open (not our database connection), its own process
 * group so that a timeout kills everything it started. */
static void exec_command(const char *command, const char *channel, int in, int out, int err)
{
	setpgid(0, 0);
	export_channel_env(channel);
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(127);
	if (close_range(3, ~0u, 0) < 0)
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	execl("/bin/sh", "sh", "-c", command, (char *)NULL);
	dprintf(2, "cannot run /bin/sh: %s\n", strerror(errno));
	_exit(127);
}

static void keep_stderr(struct outcome *oc, int fd, bool *open)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof buf);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		*open = false;
		return;
	}
	if (oc->err_len < sizeof oc->err) {
		size_t take = sizeof oc->err - oc->err_len;
		if (take > (size_t)n)
			take = (size_t)n;
		memcpy(oc->err + oc->err_len, buf, take);
		oc->err_len += take;
	}
}

/* Collects stderr until the command exits; past the timeout its process
 * group gets SIGTERM, then SIGKILL. Never waits on stderr alone: what the
 * command left running in the background may hold it open. */
static void wait_for_command(const struct settings *set, pid_t pid, int errfd,
			     struct outcome *oc)
{
	long long deadline = monotonic_ms() + set->timeout_seconds * 1000LL;
	bool err_open = true, hard_killed = false;

	for (;;) {
		pid_t r = waitpid(pid, &oc->status, WNOHANG);
		long long now = monotonic_ms(), slice;
		struct pollfd p = { .fd = errfd, .events = POLLIN };

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			/* Never mistake a lost child for a delivery. */
			oc->started = false;
			snprintf(oc->spawn_error, sizeof oc->spawn_error,
				 "waitpid: %s", strerror(errno));
			kill(-pid, SIGKILL);
			break;
		}
		if (!oc->timed_out && now >= deadline) {
			oc->timed_out = true;
			kill(-pid, SIGTERM);
			deadline = now + KILL_GRACE_MS;
		} else if (oc->timed_out && !hard_killed && now >= deadline) {
			hard_killed = true;
			kill(-pid, SIGKILL);
		}
		slice = err_open ? 50 : 5;
		if (!hard_killed && deadline - now < slice)
			slice = deadline - now > 1 ? deadline - now : 1;
		if (poll(&p, err_open ? 1 : 0, (int)slice) > 0)
			keep_stderr(oc, errfd, &err_open);
	}
	while (err_open) {
		struct pollfd p = { .fd = errfd, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			break;
		keep_stderr(oc, errfd, &err_open);
	}
	if (oc->timed_out)
		kill(-pid, SIGKILL); /* what outlived the shell */
}

/* Runs Outbox.Command for m; never fails itself: what went wrong is in
 * *oc, for last_error. */
static void run_command(const struct settings *set, const struct message *m,
			struct outcome *oc)
{
	int in = -1, devnull = -1, errpipe[2] = { -1, -1 };
	const char *command = command_for(set, m->channel);
	pid_t pid;

	*oc = (struct outcome){ 0 };
	if (command == NULL) {
		snprintf(oc->spawn_error, sizeof oc->spawn_error,
			 "no command for channel '%.40s' (Outbox.Send.<channel>.Command "
			 "or Outbox.Command)", m->channel);
		return;
	}
	in = payload_fd(m);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (in < 0 || devnull < 0 || pipe2(errpipe, O_CLOEXEC) < 0) {
		snprintf(oc->spawn_error, sizeof oc->spawn_error, "%s", strerror(errno));
		goto cleanup;
	}
	export_message_env(m);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(oc->spawn_error, sizeof oc->spawn_error, "fork: %s", strerror(errno));
		goto cleanup;
	}
	if (pid == 0)
		exec_command(command, m->channel, in, devnull, errpipe[1]);
	setpgid(pid, pid); /* also here: no race with kill(-pid) */
	oc->started = true;
	close(errpipe[1]);
	errpipe[1] = -1;
	fcntl(errpipe[0], F_SETFL, fcntl(errpipe[0], F_GETFL) | O_NONBLOCK);
	wait_for_command(set, pid, errpipe[0], oc);
cleanup:
	if (in >= 0)
		close(in);
	if (devnull >= 0)
		close(devnull);
	for (int i = 0; i < 2; i++)
		if (errpipe[i] >= 0)
			close(errpipe[i]);
}

static bool delivered(const struct outcome *oc)
{
	return oc->started && !oc->timed_out && WIFEXITED(oc->status) &&
	       WEXITSTATUS(oc->status) == 0;
}

/* ---- passes ----------------------------------------------------------- */

static NEOERR *deliver(const struct settings *set, const struct message *m,
		       struct tally *t)
{
	struct outcome oc;
	char error[2100];
	bool final, kept;
	NEOERR *err;

	run_command(set, m, &oc);
	if (delivered(&oc)) {
		err = record_sent(m);
		if (err == STATUS_OK)
			t->sent++;
		else
			fprintf(stderr, "outbox: message %lld was delivered but could not be "
				"marked sent; it will be sent again when its lease ends\n", m->id);
		return nerr_pass(err);
	}
	describe_failure(set, &oc, error, sizeof error);
	err = record_failure(set, m, error, &final, &kept);
	if (err)
		return nerr_pass(err);
	if (!kept) {
		fprintf(stderr, "outbox: message %lld: %s; another sender took it over "
			"after our lease ended (raise Outbox.TimeoutSeconds?)\n", m->id, error);
		return STATUS_OK;
	}
	fprintf(stderr, "outbox: message %lld (person %lld, %s) attempt %d of %d failed: %s%s\n",
		m->id, m->person_id, m->channel, m->attempts + 1, set->max_attempts, error,
		final ? "; giving up" : "");
	if (final)
		t->failed++;
	else
		t->retry++;
	return STATUS_OK;
}

/* Up to Batch due messages, each claimed and sent in turn. A message
 * that fails is not tried again in the same pass, even when due at once. */
static NEOERR *run_pass(const struct settings *set, struct tally *t)
{
	struct message m = { 0 };
	long long *ids = NULL;
	bool found;
	NEOERR *err;

	*t = (struct tally){ 0 };
	err = due_ids(set, &ids, &t->due);
	for (int i = 0; err == STATUS_OK && i < t->due && !stopping; i++) {
		err = claim(set, ids[i], &m, &found);
		if (err == STATUS_OK && found)
			err = deliver(set, &m, t);
	}
	message_clear(&m);
	free(ids);
	printf("outbox: %d sent, %d retry later, %d failed\n", t->sent, t->retry, t->failed);
	fflush(stdout);
	return nerr_pass(err);
}

/* Text on one line: control characters shown as \n, \t, \xNN. */
static void print_one_line(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static NEOERR *dry_run_pass(const struct settings *set)
{
	DB_CURSOR *cur = NULL;
	char now[20];
	int due = 0;
	NEOERR *err;

	app_now(now);
	err = db_query(&cur,
		"SELECT o.id, o.person_id, o.channel, o.attempts, p.number, p.name,"
		" p.phone, o.payload FROM outbox o LEFT JOIN people p ON p.id = o.person_id"
		" WHERE o.sent_at IS NULL AND o.failed_at IS NULL"
		" AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)"
		" ORDER BY o.id LIMIT ?", "si", now, (long long)set->batch);
	if (err)
		goto cleanup;
	while (db_next(cur)) {
		const char *number = db_str(cur, 4), *name = db_str(cur, 5), *phone = db_str(cur, 6);

		printf("outbox: would send message %s (attempt %lld) via %s to person %s"
		       " (number %s, name %s, phone %s): ",
		       db_str(cur, 0), db_int(cur, 3) + 1, db_str(cur, 2), db_str(cur, 1),
		       number ? number : "-", name ? name : "-", phone ? phone : "-");
		print_one_line(db_str(cur, 7) ? db_str(cur, 7) : "");
		putchar('\n');
		due++;
	}
	printf("outbox: 0 sent, 0 retry later, 0 failed (dry run: %d due, would run: %s)\n",
	       due, set->command ? set->command : "Outbox.Command not set");
	fflush(stdout);
cleanup:
	db_cursor_free(&cur);
	return nerr_pass(err);
}

/* ---- main ------------------------------------------------------------- */

/* A daemon started with stdin, stdout or stderr closed would hand those
 * numbers to the payload file or the pipe: keep them taken. */
static void ensure_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) < 0)
			exit(EXIT_USAGE);
}

static void on_stop_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void install_signal_handlers(void)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* Sleeps in short steps, to stop promptly on a signal. */
static void sleep_between_passes(int seconds)
{
	struct timespec step = { 0, 100 * 1000 * 1000 };

	for (long long i = 0; i < seconds * 10LL && !stopping; i++)
		nanosleep(&step, NULL);
}

static int run_loop(const struct settings *set, int seconds)
{
	struct tally t;
	NEOERR *err;

	while (!stopping) {
		err = db_ensure();
		if (err == STATUS_OK)
			err = run_pass(set, &t);
		if (err) {
			report_error("pass failed, trying again later", &err);
			sleep_between_passes(seconds);
		} else if (t.due < set->batch) {
			sleep_between_passes(seconds);
		}
		/* A full batch: more may be due, go on at once. */
	}
	db_close_all();
	return EXIT_PASS_OK;
}

int main(int argc, char **argv)
{
	struct options opt;
	struct settings set;
	struct tally t;
	NEOERR *err;
	int rc = EXIT_PASS_OK;

	ensure_std_fds();
	if (!parse_options(argc, argv, &opt))
		return EXIT_USAGE;
	err = app_init_tool();
	if (err) {
		const char *path = getenv("HEALTHCARD_CONF");
		char what[1200];

		snprintf(what, sizeof what, "cannot read the configuration %s",
			 path ? path : "conf/healthcard.hdf (HEALTHCARD_CONF is not set)");
		report_error(what, &err);
		return EXIT_USAGE;
	}
	if (!load_settings(&set, opt.dry_run))
		return EXIT_USAGE;
	install_signal_handlers();
	if (opt.loop_seconds)
		return run_loop(&set, opt.loop_seconds);
	err = db_ensure();
	if (err) {
		report_error("cannot reach the database", &err);
		return EXIT_DB;
	}
	err = opt.dry_run ? dry_run_pass(&set) : run_pass(&set, &t);
	if (err) {
		report_error("the pass stopped on a database error", &err);
		rc = EXIT_DB;
	}
	db_close_all();
	return rc;
}
