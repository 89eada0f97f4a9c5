// A SAX reader for JSON Lines records: keeps top-level strings, drops what is not needed.
#include "src/ingest/json_record.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "src/base/errors.h"

namespace dateline {

namespace {

using json = nlohmann::json;

class RecordReader : public nlohmann::json_sax<json> {
  public:
    JsonRecord record;
    std::string error;  // why parsing stopped, when it did

    bool null() override { return scalar(false); }
    bool boolean(bool) override { return scalar(true); }
    bool number_integer(number_integer_t) override { return scalar(true); }
    bool number_unsigned(number_unsigned_t) override { return scalar(true); }
    bool number_float(number_float_t, const string_t&) override { return scalar(true); }
    bool binary(binary_t&) override { return scalar(true); }
    bool string(string_t& value) override {
        if (depth_ == 0) return fail("not a JSON object");
        if (depth_ == 1) record.strings[key_] = clean(value);
        if (depth_ == 2 && in_list_) record.lists[key_].push_back(clean(value));
        return true;
    }
    bool key(string_t& name) override {
        if (depth_ == 1) key_ = name;
        return true;
    }
    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        return fail("invalid JSON at byte " + std::to_string(position) + " (" + reason(e) + ")");
    }

  private:
    std::size_t depth_ = 0;
    std::string key_;
    bool in_list_ = false;

    bool fail(std::string why) {
        if (error.empty()) error = std::move(why);
        return false;
    }
    // A number, boolean or null: outside any object it is not a record; at the top level a
    // null counts as absent, anything else as a value of the wrong type.
    bool scalar(bool is_value) {
        if (depth_ == 0) return fail("not a JSON object");
        if (depth_ == 1 && is_value) record.others.insert(key_);
        return true;
    }
    bool open(bool array) {
        if (depth_ == 0 && array) return fail("not a JSON object");
        if (depth_ == 1) {
            if (array)
                record.lists[key_];
            else
                record.others.insert(key_);
            in_list_ = array;
        }
        if (++depth_ > kMaxJsonDepth)
            return fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        return true;
    }
    bool close() {
        if (--depth_ == 1) in_list_ = false;
        return true;
    }
    std::string clean(std::string& value) {
        std::size_t before = value.size();
        value.erase(std::remove(value.begin(), value.end(), '\0'), value.end());
        record.nuls += before - value.size();
        return std::move(value);
    }
    // nlohmann's message without its "[json.exception...] parse error at line 1, column N: "
    // prefix and its "; last read: '...'" echo of the input.
    static std::string reason(const nlohmann::detail::exception& e) {
        std::string text = e.what();
        std::size_t start = text.find(": ");
        std::size_t end = text.find("; last read");
        start = start == std::string::npos ? 0 : start + 2;
        return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
};

}  // namespace

JsonRecord read_json_record(std::string_view line) {
    RecordReader reader;
    bool ok = json::sax_parse(line.begin(), line.end(), &reader);
    if (!ok || !reader.error.empty())
        throw InputError(reader.error.empty() ? "invalid JSON" : reader.error);
    return std::move(reader.record);
}

}  // namespace dateline
