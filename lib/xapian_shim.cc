// xapian_shim.cc: the only file that includes <xapian.h>; no exception leaves it.
#include "xdb.h"

#include <xapian.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <unordered_set>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "index.h"
#include "schema.h"

struct tracuu_db {
    Xapian::Database *rd = nullptr;          // the reader, or the writer
    Xapian::WritableDatabase *wr = nullptr;  // non-null for a writer
    std::string path;
    std::string err;
    bool sharded = false;             // opened by tracuu_db_open_shards
    std::vector<std::string> shards;  // then the names it opened in path
    bool remote = false;              // a remote shard, or a union with one
    // A union (tracuu_db_union): the databases it searches as one, owned,
    // with their names and how many Xapian databases each holds.
    std::vector<tracuu_db_t *> parts;
    std::vector<std::string> part_names;
    std::vector<size_t> part_size;
};

struct tracuu_doc {
    Xapian::Document doc;
};

struct tracuu_q {
    Xapian::Query q;
};

struct tracuu_mset {
    std::vector<unsigned> ids;
    std::vector<double> weights;
    unsigned total = 0;
    bool exact = true;
};

namespace {

char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        return nullptr;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

// Set by classify when the exception was a NetworkError (a remote shard
// down, refusing, or past its timeout).
thread_local bool network_error = false;

// Map the exception being handled to a status, filling msg.
tracuu_status_t classify(std::string &msg)
{
    network_error = false;
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB_LOCKED;
    } catch (const Xapian::DatabaseModifiedError &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB_MODIFIED;
    } catch (const Xapian::DatabaseCorruptError &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB_CORRUPT;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB_OPENING;
    } catch (const Xapian::DatabaseOpeningError &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB_OPENING;
    } catch (const Xapian::NetworkError &e) {
        msg = e.get_description();
        network_error = true;
        return TRACUU_ERR_DB;
    } catch (const Xapian::QueryParserError &e) {
        msg = e.get_description();
        return TRACUU_ERR_QUERY;
    } catch (const Xapian::DocNotFoundError &e) {
        msg = e.get_description();
        return TRACUU_ERR_NOT_FOUND;
    } catch (const Xapian::InvalidArgumentError &e) {
        msg = e.get_description();
        return TRACUU_ERR_ARG;
    } catch (const Xapian::Error &e) {
        msg = e.get_description();
        return TRACUU_ERR_DB;
    } catch (const std::bad_alloc &) {
        msg = "out of memory";
        return TRACUU_ERR_NOMEM;
    } catch (const std::exception &e) {
        msg = e.what();
        return TRACUU_ERR_INTERNAL;
    } catch (...) {
        msg = "unknown exception";
        return TRACUU_ERR_INTERNAL;
    }
}

// Run f, turning any exception into a status and, when err is not null,
// its message.
template <typename F> tracuu_status_t guarded_to(std::string *err, F f)
{
    try {
        f();
        return TRACUU_OK;
    } catch (...) {
        std::string ignored;
        try {
            return classify(err ? *err : ignored);
        } catch (...) {
            return TRACUU_ERR_INTERNAL;
        }
    }
}

void name_failed_part(tracuu_db_t *db);

// Run f on db, the message in db->err (naming the remote shard that
// failed, for a union that holds some).
template <typename F> tracuu_status_t guarded(tracuu_db_t *db, F f)
{
    if (!db)
        return TRACUU_ERR_ARG;
    db->err.clear();
    network_error = false;
    tracuu_status_t st = guarded_to(&db->err, f);
    if (st != TRACUU_OK && network_error && db->remote)
        name_failed_part(db);
    return st;
}

template <typename F> tracuu_status_t guarded_plain(F f)
{
    return guarded_to(nullptr, f);
}

// A folded syllable (schema.h: a term without prefix, lowercase ASCII
// letters only) of 2 to 7 letters: the words spelling suggestions are
// made of. Numbers, codes and prefixed terms are not.
bool spelling_word(const std::string &t)
{
    if (t.size() < 2 || t.size() > 7)
        return false;
    for (char c : t)
        if (c < 'a' || c > 'z')
            return false;
    return true;
}

// The document's folded syllables into the index's spelling data, once
// per document (the frequency is the number of documents).
void add_spellings(Xapian::WritableDatabase &wr, const Xapian::Document &doc)
{
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string &term = *t;
        if (spelling_word(term))
            wr.add_spelling(term);
    }
}

// The glass databases dir/names[i] as one reader (new).
Xapian::Database *open_glass_set(const std::string &dir,
                                 const std::vector<std::string> &names)
{
    std::unique_ptr<Xapian::Database> all(new Xapian::Database());
    for (const std::string &name : names)
        all->add_database(
            Xapian::Database(dir + "/" + name, Xapian::DB_BACKEND_GLASS));
    return all.release();
}

// The first regular file in dir this process may not write, with the
// reason, or "".
std::string unwritable_file(const std::string &dir)
{
    DIR *d = opendir(dir.c_str());
    if (!d)
        return "";
    std::string found;
    struct dirent *e;
    while (found.empty() && (e = readdir(d)) != nullptr) {
        std::string f = dir + "/" + e->d_name;
        struct stat st;
        if (lstat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            access(f.c_str(), W_OK) != 0)
            found = f + ": " + std::strerror(errno);
    }
    closedir(d);
    return found;
}

// Why a writer cannot write the database at path when that is the file
// system or permissions rather than another writer's lock (Xapian throws
// DatabaseLockError for both when the lock file cannot be made): the
// path and reason, or "" when none is found.
std::string access_problem(const std::string &path)
{
    std::string p = path;
    struct stat st;
    while (stat(p.c_str(), &st) != 0) {
        if (errno != ENOENT)
            return p + ": " + std::strerror(errno);
        size_t slash = p.find_last_of('/');
        if (slash == std::string::npos) {
            p = ".";
            break;
        }
        p = slash == 0 ? "/" : p.substr(0, slash);
    }
    struct statvfs vfs;
    if (statvfs(p.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        return p + ": " + std::strerror(EROFS);
    if (access(p.c_str(), W_OK | X_OK) != 0)
        return p + ": " + std::strerror(errno);
    return p == path ? unwritable_file(p) : "";
}

} // namespace

extern "C" {

tracuu_status_t tracuu_db_open(const char *path, tracuu_db_mode_t mode,
                               tracuu_db_t **out, char **msg)
{
    *out = nullptr;
    if (msg)
        *msg = nullptr;
    tracuu_db_t *db = new (std::nothrow) tracuu_db_t;
    if (!db)
        return TRACUU_ERR_NOMEM;
    tracuu_status_t st = guarded(db, [&] {
        db->path = path;
        if (mode == TRACUU_DB_WRITE) {
            db->wr = new Xapian::WritableDatabase(
                path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
            db->rd = db->wr;
        } else {
            db->rd = new Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
        }
    });
    if (mode == TRACUU_DB_WRITE &&
        (st == TRACUU_ERR_DB_LOCKED || st == TRACUU_ERR_DB_OPENING)) {
        try {
            std::string why = access_problem(path);
            if (!why.empty()) {
                db->err = why;
                st = TRACUU_ERR_DB_ACCESS;
            }
        } catch (...) {
        }
    }
    if (st != TRACUU_OK) {
        if (msg)
            *msg = dup_string(db->err);
        delete db;
        return st;
    }
    *out = db;
    return TRACUU_OK;
}

tracuu_status_t tracuu_db_open_shards(const char *dir,
                                      const char (*names)[64], unsigned n,
                                      tracuu_db_t **out, char **msg)
{
    *out = nullptr;
    if (msg)
        *msg = nullptr;
    tracuu_db_t *db = new (std::nothrow) tracuu_db_t;
    if (!db)
        return TRACUU_ERR_NOMEM;
    tracuu_status_t st = guarded(db, [&] {
        db->path = dir;
        db->sharded = true;
        db->shards.assign(names, names + n);
        db->rd = open_glass_set(db->path, db->shards);
    });
    if (st != TRACUU_OK) {
        if (msg)
            *msg = dup_string(db->err);
        delete db;
        return st;
    }
    *out = db;
    return TRACUU_OK;
}

tracuu_status_t tracuu_db_open_remote(const char *host, unsigned port,
                                      unsigned call_ms, unsigned connect_ms,
                                      tracuu_db_t **out, char **msg)
{
    *out = nullptr;
    if (msg)
        *msg = nullptr;
    tracuu_db_t *db = new (std::nothrow) tracuu_db_t;
    if (!db)
        return TRACUU_ERR_NOMEM;
    tracuu_status_t st = guarded_to(&db->err, [&] {
        db->path = std::string(host) + ":" + std::to_string(port);
        db->remote = true;
        db->rd = new Xapian::Database(
            Xapian::Remote::open(host, port, call_ms, connect_ms));
    });
    if (st != TRACUU_OK) {
        if (msg)
            *msg = dup_string(db->err);
        delete db;
        return st;
    }
    *out = db;
    return TRACUU_OK;
}

} // extern "C"

namespace {
// db->rd anew: every part's databases, in order.
void join_parts(tracuu_db_t *db)
{
    std::unique_ptr<Xapian::Database> all(new Xapian::Database());
    db->part_size.clear();
    for (tracuu_db_t *part : db->parts) {
        all->add_database(*part->rd);
        db->part_size.push_back(part->rd->size());
    }
    delete db->rd;
    db->rd = all.release();
}

// After a NetworkError on db: the message names the remote shard that
// does not answer (each is asked, within its timeout). Out of memory on
// the way leaves the message as it was.
void name_failed_part(tracuu_db_t *db)
{
    try {
        std::string name = db->parts.empty() ? db->path : std::string();
        for (size_t i = 0; i < db->parts.size() && name.empty(); i++) {
            if (!db->parts[i]->remote)
                continue;
            try {
                db->parts[i]->rd->keep_alive();
            } catch (const std::bad_alloc &) {
                throw;
            } catch (...) {
                name = db->part_names[i];
            }
        }
        if (!name.empty())
            db->err = "shard " + name + ": " + db->err;
    } catch (...) {
    }
}
} // namespace

extern "C" {

tracuu_status_t tracuu_db_union(tracuu_db_t **parts, const char *const *names,
                                size_t n, tracuu_db_t **out, char **msg)
{
    *out = nullptr;
    if (msg)
        *msg = nullptr;
    tracuu_db_t *db = new (std::nothrow) tracuu_db_t;
    if (!db) {
        for (size_t i = 0; i < n; i++)
            tracuu_db_close(parts[i]);
        return TRACUU_ERR_NOMEM;
    }
    tracuu_status_t st = guarded_to(&db->err, [&] {
        db->path = n ? names[0] : "";
        for (size_t i = 0; i < n; i++) {
            db->parts.push_back(parts[i]);
            parts[i] = nullptr;
            db->part_names.push_back(names[i]);
            db->remote = db->remote || db->parts.back()->remote;
        }
        join_parts(db);
    });
    for (size_t i = 0; i < n; i++)
        tracuu_db_close(parts[i]); /* those not taken (out of memory) */
    if (st != TRACUU_OK) {
        if (msg)
            *msg = dup_string(db->err);
        tracuu_db_close(db);
        return st;
    }
    *out = db;
    return TRACUU_OK;
}

bool tracuu_db_is_remote(const tracuu_db_t *db)
{
    return db && db->remote;
}

const char *tracuu_db_part_of(const tracuu_db_t *db, unsigned docid,
                              bool *remote)
{
    *remote = db && db->remote && db->parts.empty();
    if (!db || db->parts.empty() || docid == 0)
        return db && db->remote ? db->path.c_str() : nullptr;
    size_t total = 0;
    for (size_t k : db->part_size)
        total += k;
    // Xapian numbers the documents of n databases in turn: the first of
    // each, then the second of each...
    size_t sub = (docid - 1) % total;
    for (size_t i = 0; i < db->parts.size(); i++) {
        if (sub < db->part_size[i]) {
            *remote = db->parts[i]->remote;
            return db->part_names[i].c_str();
        }
        sub -= db->part_size[i];
    }
    return nullptr;
}

namespace {

// Close db, a writer's pending changes committed (commit) or dropped: a
// transaction begun unflushed and never committed is cancelled when the
// writer is destroyed, and with it every change since the last commit
// (Xapian 1.4 has no other way to drop them; close() and the destructor
// commit otherwise). No exception escapes.
void close_db(tracuu_db_t *db, bool commit)
{
    if (!db)
        return;
    try {
        if (db->wr && commit)
            db->wr->close();
        else if (db->wr)
            db->wr->begin_transaction(false);
    } catch (...) {
    }
    try {
        delete db->rd; // the writer when wr is set
    } catch (...) {
    }
    for (tracuu_db_t *part : db->parts)
        close_db(part, commit);
    delete db;
}

} // namespace

void tracuu_db_abandon(tracuu_db_t *db)
{
    close_db(db, false);
}

void tracuu_db_close(tracuu_db_t *db)
{
    close_db(db, true);
}

const char *tracuu_db_last_error(const tracuu_db_t *db)
{
    return db ? db->err.c_str() : "no index";
}

namespace {

// The index a thread is committing to, for stopped_in_commit.
thread_local const char *committing = nullptr;

// Xapian 1.4 can stop inside a commit that fails on a full disk (its
// recovery writes too, and throws through its own noexcept code:
// std::terminate, no exception to catch). The index keeps its last
// commit (a commit is atomic); say so and exit 1 rather than abort.
[[noreturn]] void stopped_in_commit()
{
    char msg[512];
    std::snprintf(msg, sizeof msg,
                  "tracuu: %s: the Xapian library stopped while committing "
                  "(a write failed: is the disk full?); the index keeps its "
                  "last commit\n",
                  committing ? committing : "the index");
    ssize_t written = write(2, msg, std::strlen(msg));
    (void)written;
    _exit(1);
}

void abort_in_commit()
{
    if (committing)
        stopped_in_commit();
    std::abort();
}

} // namespace

tracuu_status_t tracuu_db_commit(tracuu_db_t *db)
{
    return guarded(db, [&] {
        if (!db->wr)
            throw Xapian::InvalidOperationError("index opened for reading");
        std::terminate_handler old = std::set_terminate(abort_in_commit);
        committing = db->path.c_str();
        try {
            db->wr->commit();
        } catch (...) {
            committing = nullptr;
            std::set_terminate(old);
            throw;
        }
        committing = nullptr;
        std::set_terminate(old);
    });
}

tracuu_status_t tracuu_db_compact(const char *const *srcs, size_t n,
                                  const char *dst, char **msg)
{
    if (msg)
        *msg = nullptr;
    std::string err;
    tracuu_status_t st = guarded_to(&err, [&] {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(
                Xapian::Database(srcs[i], Xapian::DB_BACKEND_GLASS));
        // STANDARD leaves each block's spare room: the index is updated
        // again by later runs.
        all.compact(dst, Xapian::Compactor::STANDARD);
    });
    if (st != TRACUU_OK && msg)
        *msg = dup_string(err);
    return st;
}

tracuu_status_t tracuu_db_reopen(tracuu_db_t *db)
{
    if (db && !db->parts.empty()) {
        for (tracuu_db_t *part : db->parts) {
            tracuu_status_t st = tracuu_db_reopen(part);
            if (st != TRACUU_OK) {
                try {
                    db->err = part->err;
                } catch (...) {
                }
                return st;
            }
        }
        return guarded(db, [&] { join_parts(db); });
    }
    if (!db || !db->sharded)
        return guarded(db, [&] { db->rd->reopen(); });
    char names[TRACUU_MAX_SHARDS][64];
    unsigned n = 0;
    char *msg = nullptr;
    tracuu_status_t st = tracuu_stub_read(db->path.c_str(), names, &n, &msg);
    if (st != TRACUU_OK) {
        try {
            db->err = msg ? msg : tracuu_status_str(st);
        } catch (...) {
        }
        std::free(msg);
        return st == TRACUU_ERR_NOT_FOUND ? TRACUU_ERR_DB_OPENING : st;
    }
    return guarded(db, [&] {
        std::vector<std::string> now(names, names + n);
        if (now == db->shards) {
            db->rd->reopen();
            return;
        }
        // A merge replaced the shards: open those listed now.
        Xapian::Database *fresh = open_glass_set(db->path, now);
        delete db->rd;
        db->rd = fresh;
        db->shards = now;
    });
}

tracuu_status_t tracuu_db_get_metadata(tracuu_db_t *db, const char *key,
                                       char **value)
{
    *value = nullptr;
    std::string v;
    tracuu_status_t st = guarded(db, [&] {
        v = db->rd->get_metadata(key);
        // A union's: the value its parts agree on, else unset (a
        // database of several gives its first one's).
        for (tracuu_db_t *part : db->parts)
            if (part->rd->get_metadata(key) != v)
                v.clear();
    });
    if (st != TRACUU_OK)
        return st;
    *value = dup_string(v);
    return *value ? TRACUU_OK : TRACUU_ERR_NOMEM;
}

tracuu_status_t tracuu_db_set_metadata(tracuu_db_t *db, const char *key,
                                       const char *value)
{
    return guarded(db, [&] {
        if (!db->wr)
            throw Xapian::InvalidOperationError("index opened for reading");
        db->wr->set_metadata(key, value);
    });
}

static tracuu_status_t make_termlist(const std::vector<std::string> &terms,
                                     const std::vector<unsigned> &freqs,
                                     tracuu_termlist_t **out);

tracuu_status_t tracuu_db_metadata_keys(tracuu_db_t *db, const char *prefix,
                                        tracuu_termlist_t **out)
{
    *out = nullptr;
    std::vector<std::string> keys;
    std::vector<unsigned> zeros;
    tracuu_status_t st = guarded(db, [&] {
        for (auto k = db->rd->metadata_keys_begin(prefix);
             k != db->rd->metadata_keys_end(prefix); ++k) {
            keys.push_back(*k);
            zeros.push_back(0);
        }
    });
    return st != TRACUU_OK ? st : make_termlist(keys, zeros, out);
}

tracuu_status_t tracuu_db_doccount(tracuu_db_t *db, unsigned *out)
{
    *out = 0;
    return guarded(db, [&] { *out = db->rd->get_doccount(); });
}

tracuu_status_t tracuu_db_termfreq(tracuu_db_t *db, const char *term,
                                   unsigned *out)
{
    *out = 0;
    return guarded(db, [&] { *out = db->rd->get_termfreq(term); });
}

tracuu_status_t tracuu_db_lookup(tracuu_db_t *db, const char *uid,
                                 unsigned *docid)
{
    *docid = 0;
    tracuu_status_t st = guarded(db, [&] {
        Xapian::PostingIterator p = db->rd->postlist_begin(uid);
        if (p != db->rd->postlist_end(uid))
            *docid = *p;
    });
    if (st == TRACUU_OK && *docid == 0)
        return TRACUU_ERR_NOT_FOUND;
    return st;
}

static tracuu_status_t hand_out(const std::string &s, char **out, size_t *len)
{
    *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (!*out)
        return TRACUU_ERR_NOMEM;
    std::memcpy(*out, s.data(), s.size());
    (*out)[s.size()] = '\0';
    if (len)
        *len = s.size();
    return TRACUU_OK;
}

tracuu_status_t tracuu_db_get_value(tracuu_db_t *db, unsigned docid,
                                    unsigned slot, char **out, size_t *len)
{
    *out = nullptr;
    std::string v;
    tracuu_status_t st = guarded(
        db, [&] { v = db->rd->get_document(docid).get_value(slot); });
    return st != TRACUU_OK ? st : hand_out(v, out, len);
}

tracuu_status_t tracuu_db_get_data(tracuu_db_t *db, unsigned docid,
                                   char **out, size_t *len)
{
    *out = nullptr;
    std::string v;
    tracuu_status_t st =
        guarded(db, [&] { v = db->rd->get_document(docid).get_data(); });
    return st != TRACUU_OK ? st : hand_out(v, out, len);
}

// v as a new C array (*out, *n of them).
static tracuu_status_t hand_out_ids(const std::vector<unsigned> &v,
                                    unsigned **out, size_t *n)
{
    *out = static_cast<unsigned *>(std::malloc((v.size() + 1) * sizeof **out));
    if (!*out)
        return TRACUU_ERR_NOMEM;
    if (!v.empty())
        std::memcpy(*out, v.data(), v.size() * sizeof **out);
    *n = v.size();
    return TRACUU_OK;
}

tracuu_status_t tracuu_db_positions(tracuu_db_t *db, unsigned docid,
                                    const char *term, size_t len,
                                    size_t max, unsigned **out, size_t *n)
{
    *out = nullptr;
    *n = 0;
    std::vector<unsigned> v;
    tracuu_status_t st = guarded(db, [&] {
        std::string t(term, len);
        for (auto p = db->rd->positionlist_begin(docid, t);
             p != db->rd->positionlist_end(docid, t) && v.size() < max; ++p)
            v.push_back(*p);
    });
    return st != TRACUU_OK ? st : hand_out_ids(v, out, n);
}

tracuu_status_t tracuu_db_all_docids(tracuu_db_t *db, unsigned **ids,
                                     size_t *n)
{
    *ids = nullptr;
    *n = 0;
    std::vector<unsigned> v;
    tracuu_status_t st = guarded(db, [&] {
        for (auto p = db->rd->postlist_begin(""); p != db->rd->postlist_end("");
             ++p)
            v.push_back(*p);
    });
    return st != TRACUU_OK ? st : hand_out_ids(v, ids, n);
}

tracuu_status_t tracuu_db_count_shared(tracuu_db_t *db, const char *prefix,
                                       size_t *terms, size_t *docs)
{
    *terms = 0;
    *docs = 0;
    return guarded(db, [&] {
        for (auto t = db->rd->allterms_begin(prefix);
             t != db->rd->allterms_end(prefix); ++t) {
            Xapian::doccount f = t.get_termfreq();
            if (f > 1) {
                (*terms)++;
                *docs += f;
            }
        }
    });
}

void tracuu_termlist_free(tracuu_termlist_t *tl)
{
    if (!tl)
        return;
    for (size_t i = 0; i < tl->n; i++)
        std::free(tl->terms[i]);
    std::free(tl->terms);
    std::free(tl->freqs);
    std::free(tl);
}

tracuu_status_t tracuu_db_terms(tracuu_db_t *db, unsigned docid,
                                const char *prefix, tracuu_termlist_t **out)
{
    *out = nullptr;
    std::vector<std::string> terms;
    std::vector<unsigned> freqs;
    size_t plen = std::strlen(prefix);
    tracuu_status_t st = guarded(db, [&] {
        if (docid == 0) {
            for (auto t = db->rd->allterms_begin(prefix);
                 t != db->rd->allterms_end(prefix); ++t) {
                terms.push_back((*t).substr(plen));
                freqs.push_back(t.get_termfreq());
            }
        } else {
            auto t = db->rd->termlist_begin(docid);
            t.skip_to(prefix);
            for (; t != db->rd->termlist_end(docid); ++t) {
                std::string s = *t;
                if (s.compare(0, plen, prefix) != 0)
                    break;
                terms.push_back(s.substr(plen));
                freqs.push_back(t.get_wdf());
            }
        }
    });
    return st != TRACUU_OK ? st : make_termlist(terms, freqs, out);
}

static tracuu_status_t make_termlist(const std::vector<std::string> &terms,
                                     const std::vector<unsigned> &freqs,
                                     tracuu_termlist_t **out)
{
    tracuu_termlist_t *tl =
        static_cast<tracuu_termlist_t *>(std::calloc(1, sizeof *tl));
    if (!tl)
        return TRACUU_ERR_NOMEM;
    tl->terms = static_cast<char **>(std::calloc(terms.size() + 1, sizeof(char *)));
    tl->freqs = static_cast<unsigned *>(std::calloc(terms.size() + 1, sizeof(unsigned)));
    if (!tl->terms || !tl->freqs) {
        tracuu_termlist_free(tl);
        return TRACUU_ERR_NOMEM;
    }
    for (size_t i = 0; i < terms.size(); i++) {
        tl->terms[i] = dup_string(terms[i]);
        if (!tl->terms[i]) {
            tracuu_termlist_free(tl);
            return TRACUU_ERR_NOMEM;
        }
        tl->freqs[i] = freqs[i];
        tl->n = i + 1;
    }
    *out = tl;
    return TRACUU_OK;
}

tracuu_status_t tracuu_db_replace(tracuu_db_t *db, const char *uid,
                                  const tracuu_doc_t *doc, unsigned *docid)
{
    return guarded(db, [&] {
        if (!db->wr)
            throw Xapian::InvalidOperationError("index opened for reading");
        Xapian::docid id = db->wr->replace_document(uid, doc->doc);
        if (docid)
            *docid = id;
        add_spellings(*db->wr, doc->doc);
    });
}

tracuu_status_t tracuu_db_delete(tracuu_db_t *db, unsigned docid)
{
    return guarded(db, [&] {
        if (!db->wr)
            throw Xapian::InvalidOperationError("index opened for reading");
        db->wr->delete_document(docid);
    });
}

tracuu_doc_t *tracuu_doc_new(void)
{
    try {
        return new tracuu_doc_t; // Xapian::Document() allocates too
    } catch (...) {
        return nullptr;
    }
}

void tracuu_doc_free(tracuu_doc_t *doc)
{
    delete doc;
}

tracuu_status_t tracuu_doc_add_posting(tracuu_doc_t *doc, const char *term,
                                       size_t len, unsigned pos)
{
    if (len == 0 || len > TRACUU_TERM_MAX)
        return TRACUU_ERR_ARG;
    return guarded_plain(
        [&] { doc->doc.add_posting(std::string(term, len), pos); });
}

tracuu_status_t tracuu_doc_add_term(tracuu_doc_t *doc, const char *term,
                                    size_t len, unsigned wdf)
{
    if (len == 0 || len > TRACUU_TERM_MAX)
        return TRACUU_ERR_ARG;
    return guarded_plain([&] { doc->doc.add_term(std::string(term, len), wdf); });
}

tracuu_status_t tracuu_doc_add_boolean(tracuu_doc_t *doc, const char *term,
                                       size_t len)
{
    if (len == 0 || len > TRACUU_TERM_MAX)
        return TRACUU_ERR_ARG;
    return guarded_plain(
        [&] { doc->doc.add_boolean_term(std::string(term, len)); });
}

tracuu_status_t tracuu_doc_set_value(tracuu_doc_t *doc, unsigned slot,
                                     const char *v, size_t len)
{
    return guarded_plain([&] { doc->doc.add_value(slot, std::string(v, len)); });
}

tracuu_status_t tracuu_doc_set_data(tracuu_doc_t *doc, const char *v,
                                    size_t len)
{
    return guarded_plain([&] { doc->doc.set_data(std::string(v, len)); });
}

tracuu_status_t tracuu_doc_get_value(const tracuu_doc_t *doc, unsigned slot,
                                     char **out)
{
    *out = nullptr;
    std::string v;
    tracuu_status_t st =
        guarded_plain([&] { v = doc->doc.get_value(slot); });
    return st != TRACUU_OK ? st : hand_out(v, out, nullptr);
}

static tracuu_q_t *make_q(const Xapian::Query &q)
{
    try {
        tracuu_q_t *r = new tracuu_q_t;
        r->q = q;
        return r;
    } catch (...) {
        return nullptr;
    }
}

tracuu_q_t *tracuu_q_term(const char *term, size_t len, unsigned wqf)
{
    try {
        return make_q(Xapian::Query(std::string(term, len), wqf));
    } catch (...) {
        return nullptr;
    }
}

// Every document, as a query of its own: never a copy of
// Xapian::Query::MatchAll, a static whose reference count (not atomic in
// Xapian 1.4) the threads of tracuu-serve would change at once: copies
// made and freed by several threads lost counts until Xapian freed the
// static and a worker crashed in libxapian under load. The empty term is
// what MatchAll is made of.
static Xapian::Query every_document()
{
    return Xapian::Query(std::string());
}

tracuu_q_t *tracuu_q_all(void)
{
    try {
        return make_q(every_document());
    } catch (...) {
        return nullptr;
    }
}

tracuu_q_t *tracuu_q_none(void)
{
    return make_q(Xapian::Query()); // no shared object behind it
}

tracuu_q_t *tracuu_q_combine(tracuu_qop_t op, tracuu_q_t **subs, size_t n)
{
    tracuu_q_t *r = nullptr;
    try {
        std::vector<Xapian::Query> v;
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                ok = false;
            else
                v.push_back(subs[i]->q);
        }
        if (ok) {
            Xapian::Query::op xop = Xapian::Query::OP_AND;
            switch (op) {
            case TRACUU_Q_AND: xop = Xapian::Query::OP_AND; break;
            case TRACUU_Q_OR: xop = Xapian::Query::OP_OR; break;
            case TRACUU_Q_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
            case TRACUU_Q_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
            case TRACUU_Q_FILTER: xop = Xapian::Query::OP_FILTER; break;
            case TRACUU_Q_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
            case TRACUU_Q_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
            }
            if (v.size() == 1 && op != TRACUU_Q_PHRASE)
                r = make_q(v[0]);
            else
                r = make_q(Xapian::Query(xop, v.begin(), v.end()));
        }
    } catch (...) {
        r = nullptr;
    }
    for (size_t i = 0; i < n; i++)
        delete subs[i];
    return r;
}

namespace {
// A set of document ids as a posting source: matches those, adds no
// weight. Ids are the database's own, so it serves a database of one
// shard only (tracuu_q_docids says so).
class DocidSource : public Xapian::PostingSource {
    std::vector<Xapian::docid> ids;
    size_t at = 0;
    bool started = false;

  public:
    explicit DocidSource(std::vector<Xapian::docid> v) : ids(std::move(v)) {}
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override
    {
        return static_cast<Xapian::doccount>(ids.size());
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return static_cast<Xapian::doccount>(ids.size());
    }
    void init(const Xapian::Database &) override
    {
        at = 0;
        started = false;
    }
    void next(double) override
    {
        if (started)
            ++at;
        started = true;
    }
    void skip_to(Xapian::docid did, double) override
    {
        started = true;
        at = static_cast<size_t>(
            std::lower_bound(ids.begin() + static_cast<long>(at), ids.end(), did) -
            ids.begin());
    }
    bool at_end() const override { return started && at >= ids.size(); }
    Xapian::docid get_docid() const override { return ids[at]; }
    Xapian::PostingSource *clone() const override { return new DocidSource(ids); }
    std::string get_description() const override { return "DocidSource"; }
};
} // namespace

tracuu_q_t *tracuu_q_docids(tracuu_db_t *db, const unsigned *ids, size_t n)
{
    try {
        // Nor a remote one: xapian-tcpsrv runs no posting source of ours.
        if (!db || !db->rd || db->rd->size() != 1 || db->remote || n == 0)
            return nullptr;
        std::vector<Xapian::docid> v(ids, ids + n);
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        Xapian::PostingSource *src = new DocidSource(std::move(v));
        return make_q(Xapian::Query(src->release()));
    } catch (...) {
        return nullptr;
    }
}

tracuu_q_t *tracuu_q_value_range(unsigned slot, const char *lo, const char *hi)
{
    try {
        if (lo && hi)
            return make_q(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                        lo, hi));
        if (lo)
            return make_q(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        if (hi)
            return make_q(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        return make_q(every_document());
    } catch (...) {
        return nullptr;
    }
}

tracuu_q_t *tracuu_q_scale(tracuu_q_t *q, double factor)
{
    if (!q)
        return nullptr;
    tracuu_q_t *r = nullptr;
    try {
        r = make_q(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    } catch (...) {
        r = nullptr;
    }
    delete q;
    return r;
}

void tracuu_q_free(tracuu_q_t *q)
{
    delete q;
}

tracuu_q_t *tracuu_q_copy(const tracuu_q_t *q)
{
    return q ? make_q(q->q) : nullptr;
}

char *tracuu_q_describe(const tracuu_q_t *q)
{
    try {
        return dup_string(q ? q->q.get_description() : std::string());
    } catch (...) {
        return nullptr;
    }
}

bool tracuu_q_empty(const tracuu_q_t *q)
{
    return !q || q->q.empty();
}

} // extern "C"

namespace {
bool positional(const Xapian::Query &q, int depth)
{
    Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR)
        return true;
    if (depth > 64)
        return true; // deeper than any tree built here: say the costly
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (positional(q.get_subquery(i), depth + 1))
            return true;
    return false;
}
} // namespace

extern "C" {

bool tracuu_q_positional(const tracuu_q_t *q)
{
    try {
        return q && positional(q->q, 0);
    } catch (...) {
        return true;
    }
}

} // extern "C"

namespace {

// One page of q on db into m (ids, weights, total), opts' offset and
// limit. A union (or a remote shard) sorts by the value itself, which
// Xapian's remote backend can do (it cannot run a key maker): its
// documents without the value come first ascending, last descending.
void search_page(tracuu_db_t *db, const Xapian::Query &q,
                 const tracuu_search_opts_t *opts, bool by_value,
                 tracuu_mset_t *m)
{
    Xapian::Enquire enq(*db->rd);
    enq.set_query(q);
    Xapian::MultiValueKeyMaker keys;
    Xapian::valueno slot = static_cast<Xapian::valueno>(opts->sort_slot);
    if (opts->sort_slot >= 0 && by_value) {
        enq.set_sort_by_value_then_relevance(slot, opts->sort_reverse);
    } else if (opts->sort_slot >= 0) {
        // Documents without the value sort last either way.
        keys.add_value(slot, opts->sort_reverse,
                       opts->sort_reverse ? std::string() : std::string("\xff"));
        enq.set_sort_by_key_then_relevance(&keys, false);
    }
    if (opts->collapse)
        enq.set_collapse_key(TRACUU_SLOT_DUP);
    Xapian::doccount check = db->rd->get_doccount();
    if (!opts->exact_total) {
        Xapian::doccount want = opts->offset + opts->limit;
        check = opts->at_least > want ? opts->at_least : want;
    }
    // Xapian 1.4 settles a collapsed count only when the match set
    // comes out shorter than asked for (check_at_least alone leaves its
    // bounds apart): ask for check matches, keep the page.
    Xapian::doccount items = opts->limit;
    if (opts->collapse && check > opts->offset + items)
        items = check - opts->offset;
    // Xapian 1.4's remote backend can give a document twice in one match
    // set (seen with a word repeated in an AND: 'bi trang bi'): a
    // union's search (remote or not, so that both ask Xapian the same)
    // reads from the first match, a few more than asked, and keeps each
    // document once.
    bool several = db->remote || !db->parts.empty();
    Xapian::doccount first = opts->offset, skip = 0;
    if (several) {
        skip = first;
        first = 0;
        items = std::min<Xapian::doccount>(
            items + skip + items / 2 + 16, db->rd->get_doccount() + 1);
    }
    Xapian::MSet ms = enq.get_mset(first, items, check);
    m->total = ms.get_matches_estimated();
    m->exact = opts->exact_total ||
               ms.get_matches_lower_bound() == ms.get_matches_upper_bound();
    if (m->exact)
        m->total = ms.get_matches_lower_bound();
    m->ids.clear();
    m->weights.clear();
    std::unordered_set<Xapian::docid> seen;
    for (auto i = ms.begin(); i != ms.end() && m->ids.size() < opts->limit;
         ++i) {
        if (several) {
            if (!seen.insert(*i).second)
                continue;
            if (seen.size() <= skip)
                continue;
        }
        m->ids.push_back(*i);
        m->weights.push_back(i.get_weight());
    }
}

// Ascending by value on a union, documents without the value last as on
// one database: those with it sorted (counted exactly, to know where
// they end), then those without by relevance.
void search_union_up(tracuu_db_t *db, const Xapian::Query &q,
                     const tracuu_search_opts_t *opts, tracuu_mset_t *m)
{
    Xapian::valueno slot = static_cast<Xapian::valueno>(opts->sort_slot);
    // Every non-empty value is at least one NUL byte.
    Xapian::Query has(Xapian::Query::OP_VALUE_GE, slot, std::string(1, '\0'));
    tracuu_search_opts_t first = *opts;
    first.exact_total = true;
    search_page(db, Xapian::Query(Xapian::Query::OP_FILTER, q, has), &first,
                true, m);
    tracuu_mset_t rest;
    tracuu_search_opts_t then = *opts;
    then.sort_slot = -1;
    then.offset = opts->offset > m->total ? opts->offset - m->total : 0;
    then.limit = opts->limit - static_cast<unsigned>(m->ids.size());
    then.at_least = opts->at_least > m->total ? opts->at_least - m->total : 0;
    search_page(db, Xapian::Query(Xapian::Query::OP_AND_NOT, q, has), &then,
                false, &rest);
    m->ids.insert(m->ids.end(), rest.ids.begin(), rest.ids.end());
    m->weights.insert(m->weights.end(), rest.weights.begin(),
                      rest.weights.end());
    m->total += rest.total;
    m->exact = rest.exact;
}

} // namespace

extern "C" {

tracuu_status_t tracuu_db_search(tracuu_db_t *db, const tracuu_q_t *q,
                                 const tracuu_search_opts_t *opts,
                                 tracuu_mset_t **out)
{
    *out = nullptr;
    tracuu_mset_t *m = new (std::nothrow) tracuu_mset_t;
    if (!m)
        return TRACUU_ERR_NOMEM;
    tracuu_status_t st = TRACUU_OK;
    for (int attempt = 0; attempt < 5; attempt++) {
        st = guarded(db, [&] {
            bool by_value = db->remote || !db->parts.empty();
            if (by_value && opts->sort_slot >= 0 && !opts->sort_reverse)
                search_union_up(db, q->q, opts, m);
            else
                search_page(db, q->q, opts, by_value, m);
        });
        if (st != TRACUU_ERR_DB_MODIFIED)
            break;
        tracuu_db_reopen(db);
    }
    if (st != TRACUU_OK) {
        delete m;
        return st;
    }
    *out = m;
    return TRACUU_OK;
}

void tracuu_mset_free(tracuu_mset_t *m)
{
    delete m;
}

size_t tracuu_mset_size(const tracuu_mset_t *m)
{
    return m ? m->ids.size() : 0;
}

unsigned tracuu_mset_total(const tracuu_mset_t *m)
{
    return m ? m->total : 0;
}

void tracuu_mset_set_total(tracuu_mset_t *m, unsigned total)
{
    if (m)
        m->total = total;
}

bool tracuu_mset_total_exact(const tracuu_mset_t *m)
{
    return m ? m->exact : true;
}

void tracuu_mset_set_exact(tracuu_mset_t *m, bool exact)
{
    if (m)
        m->exact = exact;
}

tracuu_mset_t *tracuu_mset_concat(const tracuu_mset_t *a,
                                  const tracuu_mset_t *b)
{
    tracuu_mset_t *m = new (std::nothrow) tracuu_mset_t;
    if (!m)
        return nullptr;
    try {
        for (const tracuu_mset_t *x : {a, b}) {
            if (!x)
                continue;
            m->ids.insert(m->ids.end(), x->ids.begin(), x->ids.end());
            m->weights.insert(m->weights.end(), x->weights.begin(),
                              x->weights.end());
            m->total += x->total;
            m->exact = m->exact && x->exact;
        }
    } catch (...) {
        delete m;
        return nullptr;
    }
    return m;
}

tracuu_status_t tracuu_mset_add_scores(tracuu_mset_t *m,
                                       const tracuu_mset_t *extra,
                                       unsigned offset, unsigned limit)
{
    try {
        std::unordered_map<Xapian::docid, double> more;
        if (extra)
            for (size_t i = 0; i < extra->ids.size(); i++)
                more[extra->ids[i]] += extra->weights[i];
        std::vector<size_t> order(m->ids.size());
        std::vector<double> sum(m->ids.size());
        for (size_t i = 0; i < order.size(); i++) {
            order[i] = i;
            auto it = more.find(m->ids[i]);
            sum[i] = m->weights[i] + (it == more.end() ? 0.0 : it->second);
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return sum[a] > sum[b]; });
        std::vector<Xapian::docid> ids;
        std::vector<double> weights;
        for (size_t k = offset; k < order.size() && ids.size() < limit; k++) {
            ids.push_back(m->ids[order[k]]);
            weights.push_back(sum[order[k]]);
        }
        m->ids.swap(ids);
        m->weights.swap(weights);
        return TRACUU_OK;
    } catch (...) {
        return TRACUU_ERR_NOMEM;
    }
}

void tracuu_mset_remove(tracuu_mset_t *m, size_t i)
{
    if (!m || i >= m->ids.size())
        return;
    m->ids.erase(m->ids.begin() + static_cast<std::ptrdiff_t>(i));
    m->weights.erase(m->weights.begin() + static_cast<std::ptrdiff_t>(i));
}

unsigned tracuu_mset_docid(const tracuu_mset_t *m, size_t i)
{
    return m && i < m->ids.size() ? m->ids[i] : 0;
}

double tracuu_mset_score(const tracuu_mset_t *m, size_t i)
{
    return m && i < m->weights.size() ? m->weights[i] : 0.0;
}

} // extern "C"

extern "C" {

tracuu_status_t tracuu_db_spelling(tracuu_db_t *db, const char *word,
                                   unsigned max_edits, char **out)
{
    *out = nullptr;
    std::string s;
    tracuu_status_t st = guarded(db, [&] {
        s = db->rd->get_spelling_suggestion(word, max_edits);
    });
    if (st != TRACUU_OK || s.empty())
        return st;
    *out = dup_string(s);
    return *out ? TRACUU_OK : TRACUU_ERR_NOMEM;
}

} // extern "C"
