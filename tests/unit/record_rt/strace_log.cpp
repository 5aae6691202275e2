#include "strace_log.h"

#include <cctype>
#include <cstdlib>

namespace aetrace::record::test {
namespace {

/// Splits "PID rest" (PID = leading decimal digits, then blanks). Returns false without a PID.
bool split_pid(const std::string& line, long* pid, std::string* rest) {
    std::size_t i = 0;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i == 0 || i >= line.size() || !std::isspace(static_cast<unsigned char>(line[i])))
        return false;
    *pid = std::strtol(line.substr(0, i).c_str(), nullptr, 10);
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    *rest = line.substr(i);
    return true;
}

bool sets_name(const std::string& event, const char* marker) {
    return event.find("prctl(PR_SET_NAME") != std::string::npos &&
           event.find(std::string("\"") + marker + "\"") != std::string::npos;
}

}  // namespace

RtWindow find_rt_window(std::istream& log) {
    RtWindow w;
    std::string line;
    std::string event;
    long pid = 0;
    bool first_after_begin = false;
    while (std::getline(log, line)) {
        if (!split_pid(line, &pid, &event)) continue;
        if (!w.begin_found) {
            if (sets_name(event, kBeginMarker)) {
                w.begin_found = true;
                w.tid = pid;
                first_after_begin = true;
            }
            continue;
        }
        if (pid != w.tid) continue;
        if (first_after_begin) {
            first_after_begin = false;
            // The begin prctl was interrupted by another thread's line: its completion follows.
            if (event.find("<... prctl resumed>") != std::string::npos) continue;
        }
        if (sets_name(event, kEndMarker)) {
            w.end_found = true;
            break;
        }
        w.events.push_back(line);
    }
    return w;
}

}  // namespace aetrace::record::test
