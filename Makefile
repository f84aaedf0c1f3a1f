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
#   make migrate  apply pending migrations (HC_MYSQL names the client)

PORT ?= 8080
VAR ?= var
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-format-truncation \
	-Ilib -I/usr/include/ClearSilver -I/usr/include/mariadb
LDLIBS = -lneo_cgi -lneo_cs -lneo_utl -lfcgi -lmariadb -lsodium -lzip -lexpat -lxlsxwriter -lqrencode -lz -lm

B = build
LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o)
PAGES = $(filter-out hello,$(basename $(notdir $(wildcard cgi-bin/*.c))))
PAGE_BIN = $(PAGES:%=$(B)/cgi-bin/%) $(B)/cgi-bin/hello
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps run start stop test test-asan unit bench migrate clean
all: $(PAGE_BIN) $(B)/demogen $(B)/outbox $(B)/sheet2csv $(B)/csv2xlsx $(B)/scantoken $(B)/mintsess $(B)/hc-facts $(UNIT_BIN)

deps:
	@tools/deps.sh

$(B)/lib/%.o: lib/%.c $(wildcard lib/*.h) | $(B)/lib
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/libhealthcard.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/cgi-bin/hello: cgi-bin/hello.c | $(B)/cgi-bin
	$(CC) $(CFLAGS) -o $@ $< -lfcgi

$(B)/cgi-bin/%: cgi-bin/%.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)/cgi-bin
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/demogen: tools/demogen.c | $(B)
	$(CC) $(CFLAGS) -o $@ $< -lsodium

$(B)/outbox: tools/outbox.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/hc-facts: tools/hcfacts.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/sheet2csv: tools/sheet2csv.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/scantoken: tests/tools/scantoken.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/mintsess: tests/tools/mintsess.c $(B)/libhealthcard.a $(wildcard lib/*.h) | $(B)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS)

$(B)/csv2xlsx: tests/tools/csv2xlsx.c | $(B)
	$(CC) $(CFLAGS) -o $@ $< -lxlsxwriter

$(B)/tests/%: tests/unit/%.c $(B)/libhealthcard.a | $(B)/tests
	$(CC) $(CFLAGS) -o $@ $< $(B)/libhealthcard.a $(LDLIBS) -lcmocka

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

# The same programs with the sanitizers, in their own build directory.
ASAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
test-asan: deps all
	$(MAKE) B=build-asan CFLAGS="$(ASAN_CFLAGS) $(CFLAGS)" \
		$(PAGES:%=build-asan/cgi-bin/%) build-asan/cgi-bin/hello
	HC_BIN_DIR=$(CURDIR)/build-asan/cgi-bin tests/run.sh http

clean:
	rm -rf $(B) build-asan
