// Opening an index's parts: stub files followed, every part checked and named in messages.
#include "src/search/open.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "schema/schema.h"
#include "src/search/query.h"
#include "src/store/layout.h"
#include "src/store/person_names.h"
#include "src/store/sanity.h"
#include "src/store/stub.h"

namespace dateline {

namespace {

// Milliseconds a remote shard may take to connect, and to answer one request (a search with
// exact facets visits every match: allow it time on a big shard).
constexpr unsigned kConnectTimeoutMs = 10000;
constexpr unsigned kRemoteTimeoutMs = 120000;
// Stub files naming stub files: deeper than this is a loop.
constexpr int kMaxStubDepth = 8;

struct Where {
    std::string name;     // the part, in messages
    std::string rebuild;  // what to do about a bad index there
    std::string hint;     // how to build one
};

bool is_stub_file(const std::string& path) {
    // A single-file glass database starts with binary bytes; a stub file is text.
    std::ifstream in(path, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
        unsigned char c = static_cast<unsigned char>(head[i]);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
    }
    return true;
}

// The database lines of a stub file. Throws IndexError if it cannot be read or lists none.
std::vector<StubLine> read_stub(const std::string& file, const Where& where) {
    std::vector<StubLine> lines = read_stub_lines(file, where.name);
    if (lines.empty())
        throw IndexError("stub file " + file + " lists no database; add lines like 'auto " +
                         "/path/to/index' or 'remote HOST:PORT'");
    return lines;
}

// How messages name `what`, a database listed at `at` of a stub file, and what they say to do
// about it. index_root: the Dateline index folder the stub belongs to ("" for a user's stub).
Where listed_part(const std::string& what, const std::string& at, const std::string& index_root) {
    Where part;
    if (!index_root.empty()) {
        part.name = "shard " + what + " of index " + index_root;
        part.rebuild = "rebuild it: dateline-index build --db " + index_root + " PATH...";
        part.hint = "the index " + index_root + " is incomplete; " + part.rebuild;
    } else {
        part.name = "shard " + what + " (listed in " + at + ")";
        part.rebuild = "rebuild it: dateline-index build --db " + what + " PATH...";
        part.hint =
            "correct the stub file, or build an index there: "
            "dateline-index build --db " +
            what + " PATH...";
    }
    return part;
}

// Why a local database did not open, and what to do: the system's reason (permissions, too
// many open files) when there is one, rather than advice to build an index that is there.
std::string opening_reason(const Xapian::DatabaseOpeningError& e, const std::string& path,
                           const std::string& hint) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const fs::path& file : {fs::path(path), fs::path(path) / "iamglass"}) {
        if (fs::exists(file, ec) && ::access(file.c_str(), R_OK) != 0)
            return file.string() + ": " + std::strerror(errno) +
                   "); ask the index's owner for read access, or search a copy of it";
    }
    const std::string system = e.get_error_string() ? e.get_error_string() : "";
    if (system == std::strerror(EACCES))
        return e.get_msg() + ": " + system +
               "); ask the index's owner for read access, or search a copy of it";
    if (!system.empty())
        return e.get_msg() + ": " + system + ")" +
               (system == std::strerror(EMFILE) ? "; raise the limit of open files (ulimit -n)"
                                                : "");
    return e.get_msg() + "); is it a Dateline index? " + hint;
}

// "remote :PROGRAM ARGS": a program speaking the protocol on its standard input and output.
Xapian::Database open_remote_program(const std::string& address, const std::string& at) {
    std::size_t space = address.find(' ');
    std::string program =
        address.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    std::string args = space == std::string::npos ? std::string() : address.substr(space + 1);
    if (program.empty())
        throw IndexError(at + ": 'remote :' names no program; write e.g. 'remote " +
                         ":xapian-progsrv /path/to/index'");
    return Xapian::Remote::open(program, args, kRemoteTimeoutMs);
}

// "remote HOST:PORT" (or [IPv6]:PORT): a server started with xapian-tcpsrv.
Xapian::Database open_remote_tcp(const std::string& address, const std::string& at) {
    std::size_t colon = address.rfind(':');
    std::string host = colon == std::string::npos ? "" : address.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);  // [IPv6]:PORT
    std::string port_text = colon == std::string::npos ? "" : address.substr(colon + 1);
    bool digits = !port_text.empty() && port_text.size() <= 5 &&
                  std::all_of(port_text.begin(), port_text.end(),
                              [](char c) { return c >= '0' && c <= '9'; });
    if (host.empty() || !digits || std::stoul(port_text) == 0 || std::stoul(port_text) > 65535)
        throw IndexError(at + ": '" + address +
                         "' is not HOST:PORT; write e.g. 'remote 10.0.0.2:8100'");
    return Xapian::Remote::open(host, static_cast<unsigned>(std::stoul(port_text)),
                                kRemoteTimeoutMs, kConnectTimeoutMs);
}

class IndexOpener {
  public:
    std::vector<Part> parts;
    bool any_remote = false;
    bool allow_programs = false;  // SearchRequest::allow_remote_programs
    std::vector<ReadHold> holds;  // on the Dateline index folders opened

    // A --db argument: a Dateline index folder, a glass database or a stub file.
    void open_top(const std::string& path) {
        namespace fs = std::filesystem;
        std::string build_hint = "build one with: dateline-index build --db " + path + " corpus/";
        std::error_code ec;
        if (!fs::exists(path, ec))
            throw IndexError("no index at " + path + "; " + build_hint +
                             " (or point --db / $DATELINE_DB at an existing index)");
        open_path(path, {"index " + path, "rebuild it: " + build_hint, build_hint}, 0);
    }

  private:
    void open_path(const std::string& path, const Where& where, int depth) {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status)) {
            if (depth > 0) throw PartGone(where.name + " does not exist; " + where.hint);
            throw IndexError(where.name + " does not exist; " + where.hint);
        }
        if (fs::is_directory(status) && !fs::exists(fs::path(path) / "iamglass", ec) &&
            fs::exists(fs::path(path) / "XAPIANDB", ec)) {
            holds.emplace_back(path);  // before the stub is read: no commit until the search ends
            return open_stub((fs::path(path) / "XAPIANDB").string(), where, depth, path);
        }
        if (fs::is_regular_file(status) && is_stub_file(path))
            return open_stub(path, where, depth, "");
        if (fs::is_directory(status)) refuse_unpublished(path, where);
        open_local(path, where);
    }

    // A folder with generations but neither a stub nor a database: a first write that failed
    // (a full disk, a kill) before it published anything.
    static void refuse_unpublished(const std::string& path, const Where& where) {
        namespace fs = std::filesystem;
        std::error_code ec;
        if (fs::exists(fs::path(path) / "iamglass", ec)) return;
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (generation_number(entry.path().filename().string()) >= 0)
                throw IndexError(where.name +
                                 " holds no index yet: the first write to it did not " +
                                 "finish (it left " + entry.path().filename().string() +
                                 " behind, unpublished); run that dateline-index command again, "
                                 "or " +
                                 where.hint);
    }

    // index_root: the Dateline index folder the stub belongs to ("" for a user's stub file).
    void open_stub(const std::string& file, const Where& where, int depth,
                   const std::string& index_root) {
        namespace fs = std::filesystem;
        if (depth >= kMaxStubDepth)
            throw IndexError("stub file " + file + " is nested more than " +
                             std::to_string(kMaxStubDepth) +
                             " stub files deep (does it list itself?); list the databases in it "
                             "directly");
        const std::vector<StubLine> lines = read_stub(file, where);
        fs::path dir = fs::path(file).parent_path();
        for (const StubLine& l : lines) {
            std::string at = file + ":" + std::to_string(l.number);
            bool local = (l.type == "auto" || l.type == "glass") && !l.rest.empty();
            if (!local && !(l.type == "remote" && !l.rest.empty()))
                throw IndexError(at + ": " + quote_for_message(l.type + " " + l.rest) +
                                 " is not a stub file line; --db takes a Dateline index folder "
                                 "or a stub file listing one database a line: 'auto PATH' or "
                                 "'remote HOST:PORT' (a server started with xapian-tcpsrv)");
            fs::path path = l.rest;
            if (local && path.is_relative()) path = dir / path;
            // A Dateline index of one generation is named as a whole, as it always was.
            const Where part =
                index_root.empty() || lines.size() > 1
                    ? listed_part(local ? path.lexically_normal().string() : "remote " + l.rest, at,
                                  index_root)
                    : where;
            if (!local && l.rest[0] == ':') refuse_program(l.rest, at, depth, index_root);
            if (!local)
                open_remote(l.rest, part, at);
            else if (l.type == "auto")
                open_path(path.string(), part, depth + 1);
            else
                open_local(path.string(), part);
        }
    }

    void open_local(const std::string& path, const Where& where) {
        Xapian::Database db;
        try {
            // Glass only: a stub planted where a database should be is never followed.
            db = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw IndexError(where.name + " is corrupt (" + e.get_msg() + "); " + where.rebuild);
        } catch (const Xapian::DatabaseVersionError& e) {
            throw IndexError(where.name + " was written by another Xapian version (" + e.get_msg() +
                             "); " + where.rebuild);
        } catch (const Xapian::DatabaseOpeningError& e) {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec))
                throw PartGone("cannot open " + where.name + " (" + e.get_msg() + "); " +
                               where.hint);
            throw IndexError("cannot open " + where.name + " (" +
                             opening_reason(e, path, where.hint));
        }
        // A missing table reads as an empty one: phrases or synonyms would change unsaid.
        if (const std::string missing = missing_tables(path, db); !missing.empty())
            throw IndexError(where.name + " is damaged: " + missing + "; " + where.rebuild);
        std::error_code ec;
        std::string id = std::filesystem::canonical(path, ec).string();
        if (ec) id = path;
        id = "local " + id;
        add({where.name, false, std::move(db), path}, id, where);
    }

    // "remote :PROGRAM" runs a program: only from a stub file of the user's own, given as --db
    // itself, with --allow-remote-programs. Never from an index folder's stub, which anyone who
    // made or copied the folder wrote.
    void refuse_program(const std::string& address, const std::string& at, int depth,
                        const std::string& index_root) const {
        std::string line = quote_for_message("remote " + address);
        if (!index_root.empty() || depth > 0)
            throw IndexError(at + ": " + line +
                             " would run a program, and Dateline never runs one named inside an "
                             "index folder or a stub it lists; to search through a program, "
                             "write the line in a stub file of your own and pass that file as "
                             "--db with --allow-remote-programs");
        if (!allow_programs)
            throw IndexError(at + ": " + line +
                             " would run a program; if you trust this stub file, pass "
                             "--allow-remote-programs");
    }

    void open_remote(const std::string& address, const Where& where, const std::string& at) {
        Xapian::Database db;
        try {
            db =
                address[0] == ':' ? open_remote_program(address, at) : open_remote_tcp(address, at);
        } catch (const Xapian::NetworkError& e) {
            throw IndexError(
                "cannot reach " + where.name + " (" + e.get_msg() +
                (e.get_error_string() ? std::string(": ") + e.get_error_string() : std::string()) +
                "); is xapian-tcpsrv running there, serving a Dateline index?");
        } catch (const Xapian::Error& e) {
            throw IndexError(where.name + " cannot be opened (" + e.get_description() +
                             "); check the server (xapian-tcpsrv) and what it serves");
        }
        Where remote = where;
        remote.rebuild = "rebuild the index served there, then restart its xapian-tcpsrv";
        any_remote = true;
        add({where.name, true, std::move(db), ""}, "remote " + address, remote);
    }

    void add(Part part, const std::string& id, const Where& where) {
        std::string version = part.db.get_metadata(std::string(schema::kVersionKey));
        if (version != schema::kSchemaVersion)
            throw IndexError(where.name + " has schema version '" + version +
                             "' but this program reads version '" +
                             std::string(schema::kSchemaVersion) + "'; " + where.rebuild);
        if (!seen_.insert(id).second)
            throw IndexError(where.name + " is listed twice (" + id +
                             "); its matches would count twice: list each index once");
        parts.push_back(std::move(part));
    }

    std::unordered_set<std::string> seen_;
};

// The name each speaker name is shown as. The shards of one build store the same names (and
// the same facts, read once); indexes built apart are shown as one index of them all would show
// them, from what each knows of its speaker names. An index written before those facts adds the
// names it stored.
std::unordered_map<std::string, std::string> person_names(const std::vector<Part>& parts) {
    std::vector<std::string> names, facts;  // each part's, read once: a remote part is a round trip
    for (const Part& p : parts)
        names.push_back(p.db.get_metadata(std::string(schema::kPersonNamesKey)));
    bool one_build = std::all_of(names.begin(), names.end(),
                                 [&](const std::string& n) { return n == names.front(); });
    // The facts (a megabyte for 17,000 articles) only when they are needed: most searches read
    // one build.
    for (const Part& p : parts)
        facts.push_back(one_build ? "" : p.db.get_metadata(std::string(schema::kSpeakerNamesKey)));
    std::unordered_map<std::string, std::string> out;
    std::set<std::string> merged;
    SpeakerNames all;
    for (const std::string& f : facts)
        if (!one_build && !f.empty() && merged.insert(f).second)
            merge_speaker_names(all, decode_speaker_names(f));
    for (auto& [bare, full] : shown_names(all)) out.emplace(bare, std::move(full));
    for (std::size_t i = 0; i < parts.size() && !(one_build && i > 0); ++i) {
        if (!one_build && !facts[i].empty()) continue;  // merged above
        auto json = nlohmann::json::parse(names[i], nullptr, false);
        if (json.is_object())  // an index written before it, or another's: none
            for (const auto& [bare, full] : json.items())
                if (full.is_string()) out.emplace(bare, full.get<std::string>());
    }
    return out;
}

}  // namespace

namespace {

// The declared fields every part has; parts that differ cannot be counted as one.
std::vector<schema::DeclaredField> declared_fields(const std::vector<Part>& parts) {
    const std::string key(schema::kDeclaredFieldsKey);
    const std::string first = parts.front().db.get_metadata(key);
    for (const Part& p : parts)
        if (p.db.get_metadata(key) != first)
            throw IndexError(parts.front().name + " and " + p.name +
                             " were built with different fields (dateline-index --facet, "
                             "--filter); search them apart, or rebuild one with the other's");
    return schema::unpack_declared(first);
}

}  // namespace

OpenedIndex open_index(const SearchRequest& request) {
    IndexOpener opener;
    opener.allow_programs = request.allow_remote_programs;
    if (request.db_paths.empty()) opener.open_top(request.db_path);
    for (const auto& path : request.db_paths) opener.open_top(path);
    OpenedIndex index;
    if (opener.parts.size() == 1) {
        index.db = opener.parts.front().db;
    } else {
        for (const Part& p : opener.parts) index.db.add_database(p.db);
    }
    index.any_remote = opener.any_remote;
    index.surnames = person_names(opener.parts);
    index.declared = declared_fields(opener.parts);
    index.parts = std::move(opener.parts);
    index.holds = std::move(opener.holds);
    return index;
}

void show_full_names(const std::unordered_map<std::string, std::string>& surnames,
                     std::vector<std::string>& speakers, std::vector<schema::Quote>& quotes) {
    auto full = [&](std::string& name) {
        if (auto it = surnames.find(name); it != surnames.end()) name = it->second;
    };
    std::vector<std::string> unique;
    for (auto& name : speakers) {
        full(name);
        if (std::find(unique.begin(), unique.end(), name) == unique.end())
            unique.push_back(std::move(name));
    }
    speakers = std::move(unique);
    for (auto& quote : quotes) full(quote.speaker);
}

}  // namespace dateline
