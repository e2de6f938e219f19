// The engine's ceiling for the benchmark: the least work libxapian can do to index files.
//
// ceiling-writer [-2] [-j JOBS] [-b MB] -o PREFIX LISTFILE
//
// Reads the paths listed in LISTFILE (one per line), splits each file on
// whitespace and punctuation (anything Xapian::Unicode::is_wordchar rejects)
// and adds every token with its position: no normalisation, no stopwords, no
// fields. With -2 each token also gets a second positional form, its
// lowercased and diacritic-folded copy (prefix F), the way a Vietnamese
// index with and without diacritics would need. JOBS processes (default 1)
// each take every JOBS-th file and write their own shard PREFIX.N; shards are
// left as they are (the benchmark merges them separately when it wants to).
// Each process commits after every MB megabytes of text read (default 2):
// Xapian's own default, a commit every 10,000 documents, holds everything in
// memory and runs 2-3 times slower here (the buffered postings no longer fit
// in the CPU caches), so batching is part of what the engine can do at best.
// Prints one line: files, bytes, seconds, MB/s.
//
// Part of the tracuu benchmark (scripts/bench). GPL-2.0-or-later.

#include <xapian.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const unsigned FOLD_LIMIT = 0x1f00;
char fold_table[FOLD_LIMIT];  // code point -> ASCII base letter, 0 if none

// Vietnamese lowercase letters with diacritics, grouped by base letter.
const struct {
    char base;
    const char *letters;
} FOLD_GROUPS[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậ"}, {'e', "èéẻẽẹêềếểễệ"}, {'i', "ìíỉĩị"},
    {'o', "òóỏõọôồốổỗộơờớởỡợ"}, {'u', "ùúủũụưừứửữự"}, {'y', "ỳýỷỹỵ"},
    {'d', "đ"},
};

void fold_init() {
    for (const auto &g : FOLD_GROUPS) {
        for (Xapian::Utf8Iterator it(g.letters); it != Xapian::Utf8Iterator(); ++it)
            if (*it < FOLD_LIMIT) fold_table[*it] = g.base;
    }
}

// Appends the lowercased, folded form of a token; combining marks (NFD input) are dropped.
void fold_append(const std::string &tok, std::string &out) {
    for (Xapian::Utf8Iterator it(tok); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = Xapian::Unicode::tolower(*it);
        if (Xapian::Unicode::get_category(ch) == Xapian::Unicode::NON_SPACING_MARK) continue;
        if (ch < FOLD_LIMIT && fold_table[ch])
            out += fold_table[ch];
        else
            Xapian::Unicode::append_utf8(out, ch);
    }
}

bool read_file(const std::string &path, std::string &text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    return true;
}

void index_text(const std::string &text, bool two_forms, Xapian::Document &doc) {
    Xapian::termpos pos = 0;
    std::string tok, folded;
    Xapian::Utf8Iterator it(text), end;
    while (it != end) {
        while (it != end && !Xapian::Unicode::is_wordchar(*it)) ++it;
        tok.clear();
        while (it != end && Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(tok, *it);
            ++it;
        }
        if (tok.empty() || tok.size() > 240) continue;
        ++pos;
        doc.add_posting(tok, pos);
        if (two_forms) {
            folded.assign("F");
            fold_append(tok, folded);
            if (folded.size() > 1) doc.add_posting(folded, pos);
        }
    }
}

// Indexes files share, share + jobs, ... into PREFIX.share; returns bytes read, -1 on error.
long long run_share(const std::vector<std::string> &files, int share, int jobs,
                    const std::string &prefix, bool two_forms, long long batch) {
    long long bytes = 0, pending = 0;
    try {
        Xapian::WritableDatabase db(prefix + "." + std::to_string(share),
                                    Xapian::DB_CREATE_OR_OVERWRITE);
        std::string text;
        for (size_t i = share; i < files.size(); i += jobs) {
            if (!read_file(files[i], text)) {
                std::cerr << "ceiling-writer: cannot read " << files[i] << "\n";
                continue;
            }
            bytes += (long long)text.size();
            pending += (long long)text.size();
            Xapian::Document doc;
            doc.set_data(files[i]);
            index_text(text, two_forms, doc);
            db.add_document(doc);
            if (pending >= batch) {
                db.commit();
                pending = 0;
            }
        }
        db.commit();
    } catch (const Xapian::Error &e) {
        std::cerr << "ceiling-writer: " << e.get_description() << "\n";
        return -1;
    }
    return bytes;
}

void usage() {
    std::cerr << "usage: ceiling-writer [-2] [-j JOBS] [-b MB] -o PREFIX LISTFILE\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char **argv) {
    bool two_forms = false;
    int jobs = 1;
    double batch_mb = 2;
    std::string prefix;
    int opt;
    while ((opt = getopt(argc, argv, "2j:b:o:")) != -1) {
        switch (opt) {
            case '2': two_forms = true; break;
            case 'j': jobs = std::atoi(optarg); break;
            case 'b': batch_mb = std::atof(optarg); break;
            case 'o': prefix = optarg; break;
            default: usage();
        }
    }
    if (optind != argc - 1 || prefix.empty() || jobs < 1 || jobs > 256 || !(batch_mb > 0))
        usage();
    const long long batch = (long long)(batch_mb * 1e6);
    std::ifstream list(argv[optind]);
    if (!list) {
        std::cerr << "ceiling-writer: cannot open " << argv[optind] << "\n";
        return 1;
    }
    std::vector<std::string> files;
    for (std::string line; std::getline(list, line);)
        if (!line.empty()) files.push_back(line);
    fold_init();

    auto t0 = std::chrono::steady_clock::now();
    long long total = 0;
    bool failed = false;
    if (jobs == 1) {
        total = run_share(files, 0, 1, prefix, two_forms, batch);
        failed = total < 0;
    } else {
        // One process per share; each reports its byte count through a pipe.
        std::vector<std::pair<pid_t, int>> kids;
        for (int s = 0; s < jobs; s++) {
            int fd[2];
            if (pipe(fd) != 0) return 1;
            pid_t pid = fork();
            if (pid < 0) return 1;
            if (pid == 0) {
                close(fd[0]);
                long long b = run_share(files, s, jobs, prefix, two_forms, batch);
                ssize_t w = write(fd[1], &b, sizeof b);
                _exit(b < 0 || w != (ssize_t)sizeof b ? 1 : 0);
            }
            close(fd[1]);
            kids.emplace_back(pid, fd[0]);
        }
        for (auto &k : kids) {
            long long b = -1;
            if (read(k.second, &b, sizeof b) != (ssize_t)sizeof b) b = -1;
            close(k.second);
            int status = 0;
            waitpid(k.first, &status, 0);
            if (b < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
                failed = true;
            else
                total += b;
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("ceiling-writer: forms=%d jobs=%d batch=%gMB files=%zu bytes=%lld seconds=%.3f MB/s=%.2f\n",
                two_forms ? 2 : 1, jobs, batch_mb, files.size(), total, secs,
                secs > 0 ? total / 1e6 / secs : 0.0);
    return failed ? 1 : 0;
}
