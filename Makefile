# healthcard - campus health check-in and return-to-campus system.
#
#   make          build the page programs, the library, the tools
#   make run      install missing packages, build, start MariaDB + Apache
#                 on 127.0.0.1:$(PORT) with demo data (Ctrl-C stops)
#   make stop     stop an instance started in the background (make start)
#   make test     every test: unit, HTTP (real Apache + MariaDB), browser
#   make bench    the benchmark (30,000 students x 60 days)
#   make test-asan   the HTTP tests against page programs built with
#                 AddressSanitizer + UBSan (build-asan/); any report fails
#   make drill    the fault drill (tools/drill.sh): kills under load, then
#                 checks that every acknowledged write is stored exactly once
#   make migrate  apply pending migrations, then make the views of sql/views/
#                 anew (HC_MYSQL names the client)
#   make fuzz     every libFuzzer harness of tests/fuzz for FUZZ_SECONDS
#                 each (300; make test gives each a few seconds)
#   make install  the programs, templates, migrations and configuration
#                 (PREFIX=/usr/local, DESTDIR; the Debian layout below)
#   make deb      the Debian package (../healthcard_VERSION_ARCH.deb)
#   make test-install   builds the .deb, lintian, installs, upgrades,
#                 removes and purges it in a private root (tests/install/)

PORT ?= 8080
VAR ?= var
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-format-truncation -Wno-missing-field-initializers \
	-Ilib -I/usr/include/ClearSilver -I/usr/include/mariadb
LDLIBS = -lneo_cgi -lneo_cs -lneo_utl -lfcgi -lmariadb -lsodium -lzip -lexpat -lxlsxwriter -lqrencode -ljpeg -lpng16 -lz -lm

B = build
TOOLS = hc-admin hc-facts outbox sheet2csv
LIB_SRC = $(wildcard lib/*/*.c)
LIB_HDR = $(wildcard lib/*/*.h)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
PAGES = $(filter-out hello,$(basename $(notdir $(wildcard cgi-bin/*.c))))
PAGE_BIN = $(PAGES:%=$(B)/cgi-bin/%) $(B)/cgi-bin/hello
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: programs all deps run start stop test test-asan unit bench bench-cluster drill migrate clean fuzz fuzzers install deb test-install
all: $(PAGE_BIN) $(B)/demogen $(B)/outbox $(B)/sheet2csv $(B)/csv2xlsx $(B)/scantoken $(B)/mintsess $(B)/hc-facts $(B)/hc-admin $(B)/hc-remind $(B)/hc-purge $(UNIT_BIN)

# What is installed (make install, the Debian package): no unit tests.
programs: $(PAGE_BIN) $(TOOLS:%=$(B)/%)

deps:
	@tools/deps.sh

$(B)/lib/%.o: lib/%.c $(LIB_HDR) | $(B)/lib
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Made anew each time: `ar r` only adds and replaces members, so an object
# of a file since moved or removed would stay in the archive and could be
# linked instead of its new self.
$(B)/libhealthcard.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/cgi-bin/hello: cgi-bin/hello.c | $(B)/cgi-bin
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lfcgi

$(B)/cgi-bin/%: cgi-bin/%.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)/cgi-bin
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/demogen: tools/demogen.c | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lsodium

$(B)/outbox: tools/outbox.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/hc-facts: tools/hcfacts.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/hc-purge: tools/hcpurge.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/hc-admin: tools/hcadmin.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/hc-remind: tools/hcremind.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/sheet2csv: tools/sheet2csv.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/scantoken: tests/tools/scantoken.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/mintsess: tests/tools/mintsess.c $(B)/libhealthcard.a $(LIB_HDR) | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/csv2xlsx: tests/tools/csv2xlsx.c | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lxlsxwriter

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libhealthcard.a | $(B)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS) -lcmocka

$(B) $(B)/lib $(B)/cgi-bin $(B)/tests:
	mkdir -p $@

run: deps all
	tools/stack.sh run $(VAR) $(PORT) --students 2000 --days 30

start: deps all
	tools/stack.sh start $(VAR) $(PORT) --students 2000 --days 30

stop:
	tools/stack.sh stop $(VAR)

migrate:
	tools/migrate.sh

unit: all
	tests/run.sh unit

test: deps all
	tests/run.sh all

bench: deps all
	tools/bench.sh

# Check-ins and scans through two web hosts on a three-node Galera cluster,
# next to one standalone server, in the same run (tools/bench-cluster.sh).
bench-cluster: deps all
	tools/bench-cluster.sh

# libFuzzer harnesses (tests/fuzz/README.md): clang from Debian, with
# AddressSanitizer and UBSan. Each compiles the sources it fuzzes itself
# (for coverage); the rest comes from the library as built.
FUZZ_CC ?= clang
FUZZ_CFLAGS = -g -O1 -std=c11 -D_GNU_SOURCE -Ilib -I/usr/include/ClearSilver -I/usr/include/mariadb \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZERS = input multipart upload session gate sheet
GATE_SRC = lib/web/input.c lib/web/params.c lib/web/multipart.c lib/core/utf8.c lib/core/days.c
FUZZ_SECONDS ?= 300

fuzzers: $(FUZZERS:%=$(B)/fuzz/fuzz_%)

$(B)/fuzz/fuzz_input: tests/fuzz/fuzz_input.c $(GATE_SRC) $(LIB_HDR) | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(GATE_SRC) -lneo_utl

$(B)/fuzz/fuzz_multipart: tests/fuzz/fuzz_multipart.c lib/web/multipart.c $(LIB_HDR) | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< lib/web/multipart.c -lneo_utl

$(B)/fuzz/fuzz_upload: tests/fuzz/fuzz_upload.c $(GATE_SRC) lib/domain/returnapp.c $(B)/libhealthcard.a | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(GATE_SRC) lib/domain/returnapp.c $(B)/libhealthcard.a $(LDLIBS)

$(B)/fuzz/fuzz_session: tests/fuzz/fuzz_session.c $(GATE_SRC) lib/web/sess.c $(B)/libhealthcard.a | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(GATE_SRC) $(B)/libhealthcard.a $(LDLIBS)

$(B)/fuzz/fuzz_gate: tests/fuzz/fuzz_gate.c lib/domain/gate.c lib/domain/token.c lib/domain/card.c $(LIB_HDR) | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< lib/domain/gate.c lib/domain/token.c lib/domain/card.c -lsodium

$(B)/fuzz/fuzz_sheet: tests/fuzz/fuzz_sheet.c lib/core/sheet.c lib/core/days.c $(LIB_HDR) | $(B)/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< lib/core/sheet.c lib/core/days.c -lneo_utl -lzip -lexpat -lz -lm

$(B)/fuzz:
	mkdir -p $@

fuzz: deps all
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run.sh fuzz

drill: deps all
	tools/drill.sh

# The same programs with the sanitizers, in their own build directory.
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
test-asan: deps all
	$(MAKE) B=build-asan CFLAGS="$(ASAN_CFLAGS) $(CFLAGS)" \
		$(PAGES:%=build-asan/cgi-bin/%) build-asan/cgi-bin/hello
	HC_BIN_DIR=$(CURDIR)/build-asan/cgi-bin tests/run.sh http

clean:
	rm -rf $(B) build-asan

# Where make install puts things (Debian's layout with PREFIX=/usr):
# the page programs and tools under LIBDIR, the templates, language
# packs, static files, migrations and default config under DATADIR, the
# server's config (/etc/healthcard/healthcard.hdf), the Apache snippet
# (conf-available: a2enconf healthcard) and the logrotate file under
# SYSCONFDIR, the state (uploads, fcgid's sockets) under STATEDIR, the
# logs under LOGDIR. DESTDIR is prepended to all of them.
PREFIX ?= /usr/local
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
LOCALSTATEDIR ?= $(if $(filter /usr,$(PREFIX)),/var,$(PREFIX)/var)
LIBDIR = $(PREFIX)/lib/healthcard
DATADIR = $(PREFIX)/share/healthcard
DOCDIR = $(PREFIX)/share/doc/healthcard
STATEDIR = $(LOCALSTATEDIR)/lib/healthcard
LOGDIR = $(LOCALSTATEDIR)/log/healthcard
INSTALL ?= install
SUBST = sed -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g' \
	-e 's|@LOGDIR@|$(LOGDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'
D = $(DESTDIR)

install: programs
	$(INSTALL) -d $(D)$(LIBDIR)/cgi-bin $(D)$(LIBDIR)/bin $(D)$(PREFIX)/sbin \
		$(D)$(DATADIR)/conf $(D)$(DATADIR)/sql/views $(D)$(DATADIR)/tools $(D)$(DATADIR)/htdocs \
		$(D)$(DATADIR)/templates/lang $(D)$(SYSCONFDIR)/healthcard \
		$(D)$(SYSCONFDIR)/apache2/conf-available $(D)$(SYSCONFDIR)/logrotate.d \
		$(D)$(DOCDIR)/examples $(D)$(STATEDIR) $(D)$(LOGDIR)
	$(INSTALL) -m 755 $(PAGE_BIN) $(D)$(LIBDIR)/cgi-bin/
	$(INSTALL) -m 755 $(TOOLS:%=$(B)/%) $(D)$(LIBDIR)/bin/
	$(INSTALL) -m 644 templates/*.cs $(D)$(DATADIR)/templates/
	$(INSTALL) -m 644 templates/lang/*.hdf $(D)$(DATADIR)/templates/lang/
	$(INSTALL) -m 644 htdocs/* $(D)$(DATADIR)/htdocs/
	$(INSTALL) -m 644 sql/[0-9][0-9][0-9]_*.sql $(D)$(DATADIR)/sql/
	$(if $(wildcard sql/views/*.sql),$(INSTALL) -m 644 sql/views/*.sql $(D)$(DATADIR)/sql/views/)
	$(INSTALL) -m 755 tools/migrate.sh $(D)$(DATADIR)/tools/
	$(INSTALL) -m 644 conf/healthcard.hdf conf/healthcard-apache.conf $(D)$(DATADIR)/conf/
	$(SUBST) tools/healthcard-admin.in >$(D)$(PREFIX)/sbin/healthcard-admin
	chmod 755 $(D)$(PREFIX)/sbin/healthcard-admin
	$(SUBST) conf/healthcard-site.hdf.in >$(D)$(SYSCONFDIR)/healthcard/healthcard.hdf
	$(SUBST) conf/healthcard-apache-site.conf.in >$(D)$(SYSCONFDIR)/apache2/conf-available/healthcard.conf
	$(SUBST) conf/healthcard.logrotate.in >$(D)$(SYSCONFDIR)/logrotate.d/healthcard
	chmod 644 $(D)$(SYSCONFDIR)/healthcard/healthcard.hdf \
		$(D)$(SYSCONFDIR)/apache2/conf-available/healthcard.conf $(D)$(SYSCONFDIR)/logrotate.d/healthcard
	$(INSTALL) -m 644 conf/examples/* conf/outbox.cron $(D)$(DOCDIR)/examples/
	$(INSTALL) -m 755 conf/outbox-example.sh $(D)$(DOCDIR)/examples/
	$(INSTALL) -m 644 README.md LICENSE $(D)$(DOCDIR)/

# The Debian package (debian/; PREFIX=/usr), built by dpkg-buildpackage
# in a copy of the tree's files (git ls-files, as they are in the working
# tree) under $(B)/deb/src, so that its clean never touches this build;
# the .deb lands in $(B)/deb/. DEB_VERSION=0.9.0-1 builds another version,
# DEB_FROM=<commit> the tree of that commit (the upgrade test's previous
# release: its code and its migrations as they were together). DEB_OUT:
# another folder than $(B)/deb.
DEB_OUT ?= $(B)/deb
deb:
	rm -rf $(DEB_OUT) && mkdir -p $(DEB_OUT)/src
	$(if $(DEB_FROM),git archive --format=tar $(DEB_FROM),git ls-files -z | tar --null -T - -cf -) | tar -C $(DEB_OUT)/src -xf -
	$(if $(DEB_VERSION),cd $(DEB_OUT)/src && { printf 'healthcard (%s) unstable; urgency=medium\n\n  * Built as version %s.\n\n -- healthcard maintainers <healthcard@example.edu.cn>  %s\n\n' \
		'$(DEB_VERSION)' '$(DEB_VERSION)' "$$(date -R)"; cat debian/changelog; } >debian/changelog.new && mv debian/changelog.new debian/changelog)
	cd $(DEB_OUT)/src && dpkg-buildpackage -us -uc -b >../build.log 2>&1 || { tail -30 ../build.log; exit 1; }
	@ls $(DEB_OUT)/*.deb

test-install: deps
	tests/run.sh install
