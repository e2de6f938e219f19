# tracuu: full-text search for Vietnamese administrative plans.
# `make` builds tracuu-index and tracuu-query; `make check` runs every test
# under AddressSanitizer and UBSan; `make demo` indexes examples/ and queries.

CC ?= gcc
CXX ?= g++
PKGS := icu-uc icu-i18n xapian-core jansson libxml-2.0 libzip
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# Warnings are errors for CI and make check (san-build, and the release
# build check makes), not for a user's build: a newer compiler's new
# warning must not stop `make`. -fvisibility=hidden is not used: every
# program links libtracuu.a statically, where it hides nothing.
WERROR ?=
WARN := -Wall -Wextra $(WERROR)
OPT ?= -O2 -g
# Each folder compiles with its own headers and lib/'s only: query/ and
# indexer/ never see each other's (tests/e2e/test_layout.sh checks it).
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
CXXFLAGS_ALL = -std=c++17 $(WARN) $(OPT) -Ilib $(PKG_CFLAGS) $(EXTRA_CFLAGS)
INC_lib := -Ilib
INC_indexer := -Ilib -Iindexer
INC_query := -Ilib -Iquery
INC_serve := -Ilib -Iserve $(MHD_CFLAGS)
INC_gen := -Ilib
LDLIBS_ALL = -Wl,--as-needed $(PKG_LIBS) -lpthread -lm $(EXTRA_LDFLAGS)
# The indexer's allocator: mimalloc (Debian's libmimalloc). Xapian's term
# maps allocate and free a great deal: on 2,000 benchmark plans --jobs 1
# took 8% less time than on glibc's malloc, --jobs 2 a quarter less (two
# threads contend in glibc's arenas; BENCHMARKS.md). san-build (make check)
# sets it empty, so the sanitizers' allocator is used; a sanitizer build
# made by hand should too (IDX_MALLOC=).
IDX_MALLOC ?= -lmimalloc

# B is the build directory: build/ for normal builds, build-san/ for check.
B ?= build

LIB_C := $(sort $(wildcard lib/*.c))
LIB_CC := lib/xapian_shim.cc
IDX_C := $(sort $(wildcard indexer/*.c))
QRY_C := $(sort $(wildcard query/*.c))
SRV_C := $(sort $(wildcard serve/*.c))
# tracuu-serve's page (serve/page/*), compiled in (scripts/embed-assets).
PAGE_FILES := $(sort $(wildcard serve/page/*))
# tracuu-serve alone links libmicrohttpd.
MHD_CFLAGS = $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
MHD_LIBS = $(shell pkg-config --libs libmicrohttpd 2>/dev/null || echo -lmicrohttpd)
TEST_C := $(sort $(wildcard tests/test_*.c))

LIB_O := $(LIB_C:%.c=$(B)/%.o) $(LIB_CC:%.cc=$(B)/%.o) $(B)/gen/stopwords.o
# The word segmenter's data, compiled in (rule below the stopwords').
LIB_O += $(B)/gen/segment.o
IDX_O := $(IDX_C:%.c=$(B)/%.o)
QRY_O := $(QRY_C:%.c=$(B)/%.o)
SRV_O := $(SRV_C:%.c=$(B)/%.o) $(B)/gen/page_assets.o
# Everything but main(), for the unit tests.
PROG_O := $(filter-out %/main.o,$(IDX_O) $(QRY_O))
TESTS := $(TEST_C:tests/%.c=$(B)/tests/%)

.PHONY: all deps check unit e2e demo bench clean san-build fuzz crash-long
MO := locale/vi/LC_MESSAGES/tracuu.mo
all: tracuu-index tracuu-query tracuu-serve $(B)/$(MO)

# Messages in Vietnamese (gettext): po/vi.po is compiled into
# $(B)/locale, where the programs find it beside themselves
# (lib/i18n.c), and installed under $(LOCALEDIR). po/tracuu.pot, the
# template, is made from the marked sources by `make pot` (xgettext);
# msgmerge brings po/vi.po up to it.
$(B)/$(MO): po/vi.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

.PHONY: pot
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ --package-name=tracuu \
	    --msgid-bugs-address=none --no-location --sort-output \
	    -o po/tracuu.pot $(LIB_C) $(IDX_C) $(QRY_C) $(SRV_C)
	msgmerge --quiet --update --backup=none po/vi.po po/tracuu.pot

# The installed catalogues' directory, the last place lib/i18n.c looks.
$(B)/lib/i18n.o: CFLAGS_ALL += -DTRACUU_LOCALEDIR='"$(LOCALEDIR)"'

tracuu-index: $(B)/tracuu-index
	@if [ "$(B)" = build ]; then ln -sf $(B)/tracuu-index $@; fi
tracuu-query: $(B)/tracuu-query
	@if [ "$(B)" = build ]; then ln -sf $(B)/tracuu-query $@; fi
tracuu-serve: $(B)/tracuu-serve
	@if [ "$(B)" = build ]; then ln -sf $(B)/tracuu-serve $@; fi

$(B)/libtracuu.a: $(LIB_O)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(B)/tracuu-index: $(IDX_O) $(B)/libtracuu.a
	$(CXX) $(OPT) $(EXTRA_CFLAGS) -o $@ $(IDX_O) $(B)/libtracuu.a $(IDX_MALLOC) $(LDLIBS_ALL)

# The same indexer on glibc's malloc, for valgrind (which follows glibc's
# allocations only).
$(B)/tracuu-index-glibc-malloc: $(IDX_O) $(B)/libtracuu.a
	$(CXX) $(OPT) $(EXTRA_CFLAGS) -o $@ $(IDX_O) $(B)/libtracuu.a $(LDLIBS_ALL)

# The text decoding the query tool uses to read plain text again
# (lib/encoding.c) comes from libtracuu.a; the readers' libzip and libxml2
# stay out of its start-up (--as-needed).
# --format xlsx writes through libxlsxwriter (lib/xlsx.c only), loaded
# when a workbook is written (dlopen by its soname): linked in, it and
# the libraries it needs cost every query 4.6 M instructions at start-up.
XLSX_SONAME := $(shell objdump -p "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
$(B)/lib/xlsx.o: CFLAGS_ALL += $(if $(XLSX_SONAME),-DTRACUU_XLSX_SONAME='"$(XLSX_SONAME)"')
$(B)/tracuu-query: $(QRY_O) $(B)/libtracuu.a
	$(CXX) $(OPT) $(EXTRA_CFLAGS) -o $@ $(QRY_O) $(B)/libtracuu.a $(LDLIBS_ALL)

$(B)/tracuu-serve: $(SRV_O) $(B)/libtracuu.a
	$(CXX) $(OPT) $(EXTRA_CFLAGS) -o $@ $(SRV_O) $(B)/libtracuu.a $(MHD_LIBS) $(LDLIBS_ALL)

$(B)/gen/page_assets.c: $(PAGE_FILES) scripts/embed-assets
	@mkdir -p $(@D)
	sh scripts/embed-assets $(PAGE_FILES) > $@

$(B)/gen/page_assets.o: $(B)/gen/page_assets.c serve/page.h
	$(CC) $(CFLAGS_ALL) -Iserve -c -o $@ $<

$(B)/libprog.a: $(PROG_O)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(B)/tests/%: tests/%.c $(B)/libprog.a $(B)/libtracuu.a tests/testutil.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests -Ilib -Iindexer -Iquery -o $@ $< $(B)/libprog.a $(B)/libtracuu.a $(CMOCKA_LIBS) $(LDLIBS_ALL) -lstdc++

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(INC_$(firstword $(subst /, ,$<))) -MMD -MP -c -o $@ $<

$(B)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c -o $@ $<

# The query stopword list is compiled in from stopwords/query-vi.txt.
$(B)/gen/stopwords.c: stopwords/query-vi.txt scripts/embed-list
	@mkdir -p $(@D)
	sh scripts/embed-list tracuu_query_stopwords $< > $@

$(B)/gen/stopwords.o: $(B)/gen/stopwords.c
	$(CC) $(CFLAGS_ALL) $(INC_gen) -c -o $@ $<

# The word segmenter's dictionary and weights, from data/segment-vi.tsv
# (made by scripts/learn-segment; CC BY-SA 4.0, see README.md).
# One string (a table of 150,000 pointers would cost 3.6 MB of relocations).
$(B)/gen/segment.c: data/segment-vi.tsv
	@mkdir -p $(@D)
	{ echo '/* Generated from $< by the Makefile; do not edit. */'; \
	  echo 'const char tracuu_segment_text[] ='; \
	  grep -v '^#' $< | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
	      -e 's/\t/\\t/g' -e 's/^/"/' -e 's/$$/\\n"/'; \
	  echo ';'; } > $@

$(B)/gen/segment.o: $(B)/gen/segment.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The table of national movements is compiled in from data/movements.tsv.
$(B)/libtracuu.a: $(B)/gen/movements.o

$(B)/gen/movements.c: data/movements.tsv scripts/embed-list
	@mkdir -p $(@D)
	sh scripts/embed-list tracuu_movement_table $< > $@

$(B)/gen/movements.o: $(B)/gen/movements.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The abbreviation table is compiled in from data/abbreviations.tsv.
$(B)/libtracuu.a: $(B)/gen/abbreviations.o

$(B)/gen/abbreviations.c: data/abbreviations.tsv scripts/embed-list
	@mkdir -p $(@D)
	sh scripts/embed-list tracuu_abbreviation_table $< > $@

$(B)/gen/abbreviations.o: $(B)/gen/abbreviations.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

-include $(shell find $(B) -name '*.d' 2>/dev/null)

deps:
	@sh scripts/deps.sh

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
san-build:
	$(MAKE) B=build-san OPT="-O1 -g" WERROR=-Werror EXTRA_CFLAGS="$(SAN)" EXTRA_LDFLAGS="$(SAN)" IDX_MALLOC= \
	    build-san/tracuu-index build-san/tracuu-query build-san/tracuu-serve build-san/$(MO) \
	    $(TEST_C:tests/%.c=build-san/tests/%)

unit: san-build
	@sh scripts/run-unit build-san

e2e: san-build
	@sh scripts/run-e2e build-san

# Every unit and end-to-end test under AddressSanitizer and UBSan, then a
# subset of the end-to-end runs under valgrind memcheck (release build).
check: deps
	@$(MAKE) --no-print-directory san-build
	@$(MAKE) --no-print-directory WERROR=-Werror all build/tracuu-index-glibc-malloc
	@sh scripts/run-unit build-san && sh scripts/run-e2e build-san && \
	    sh scripts/valgrind-e2e build

# libFuzzer harnesses (clang), each for FUZZ_SECONDS from tests/fuzz/corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	@bash scripts/fuzz $(FUZZ_SECONDS)

# The long crash test: at least 20 kills of a running indexer.
crash-long: deps
	@$(MAKE) --no-print-directory all
	@bash scripts/crash-test --long build

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo

bench: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/bench

clean:
	rm -rf build build-san build-fuzz tracuu-index tracuu-query tracuu-serve

# --- Installing, and the manual pages -------------------------------------
# `make install` copies the programs ($(B), build/ by default), the manual
# pages, the bash and zsh completion and the JSON Schema of --json under
# PREFIX, staged under DESTDIR when given (make install DESTDIR=/tmp/p
# PREFIX=/usr); `make uninstall` with the same two removes them. The
# programs read no data file at run time: the stopwords, the word
# segmenter's model and the movements table are compiled in.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATAROOTDIR ?= $(PREFIX)/share
MANDIR ?= $(DATAROOTDIR)/man
LOCALEDIR ?= $(DATAROOTDIR)/locale
DOCDIR ?= $(DATAROOTDIR)/doc/tracuu
BASHCOMPDIR ?= $(DATAROOTDIR)/bash-completion/completions
# Debian's zsh reads vendor-completions under /usr, site-functions elsewhere.
ZSHCOMPDIR ?= $(if $(filter /usr,$(PREFIX)),$(DATAROOTDIR)/zsh/vendor-completions,$(DATAROOTDIR)/zsh/site-functions)
INSTALL ?= install
MAN1 := doc/tracuu-index.1 doc/tracuu-query.1 doc/tracuu-serve.1
MAN7 := doc/tracuu-search-terms.7
INSTALLED := $(BINDIR)/tracuu-index $(BINDIR)/tracuu-query $(BINDIR)/tracuu-serve \
    $(MAN1:doc/%=$(MANDIR)/man1/%) $(MAN7:doc/%=$(MANDIR)/man7/%) \
    $(BASHCOMPDIR)/tracuu-query $(BASHCOMPDIR)/tracuu-index $(ZSHCOMPDIR)/_tracuu \
    $(DOCDIR)/tracuu-query.schema.json $(DOCDIR)/README.md $(DOCDIR)/COPYING \
    $(LOCALEDIR)/vi/LC_MESSAGES/tracuu.mo

.PHONY: install uninstall check-man
install: $(B)/tracuu-index $(B)/tracuu-query $(B)/tracuu-serve $(B)/$(MO)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES
	$(INSTALL) -m 644 $(B)/$(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/
	$(INSTALL) -m 755 $(B)/tracuu-index $(B)/tracuu-query $(B)/tracuu-serve $(DESTDIR)$(BINDIR)/
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	$(INSTALL) -m 644 completion/tracuu.bash $(DESTDIR)$(BASHCOMPDIR)/tracuu-query
	ln -sf tracuu-query $(DESTDIR)$(BASHCOMPDIR)/tracuu-index
	$(INSTALL) -m 644 completion/_tracuu $(DESTDIR)$(ZSHCOMPDIR)/_tracuu
	$(INSTALL) -m 644 doc/tracuu-query.schema.json README.md COPYING $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

# The pages render without a warning, document every option and run their
# examples (tests/e2e/test_man.sh, also run by `make check`).
check-man: $(B)/tracuu-index $(B)/tracuu-query
	@B=$(B) sh tests/e2e/test_man.sh
