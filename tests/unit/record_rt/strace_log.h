// Reading an `strace -f -tt -o FILE` log for the real-time syscall test.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace aetrace::record::test {

/// Marker thread names the probe sets with prctl(PR_SET_NAME) around its measured region.
inline constexpr const char* kBeginMarker = "aet-begin";
inline constexpr const char* kEndMarker = "aet-end";

/// What one thread did between the two markers.
struct RtWindow {
    bool begin_found = false;  ///< a prctl(PR_SET_NAME, "aet-begin") line was seen
    bool end_found = false;    ///< the same thread's prctl(PR_SET_NAME, "aet-end") line was seen
    long tid = 0;              ///< the thread that set the begin marker
    /// Every log line of that thread strictly between the markers (system calls, also signals
    /// delivered to it), as logged. The completion line of the begin prctl ("<... prctl
    /// resumed>") and the end prctl itself are not counted.
    std::vector<std::string> events;
};

/// Parses a log written by `strace -f -tt -o FILE` (each line "PID HH:MM:SS.uuuuuu event"):
/// finds the first thread that set the begin marker and collects its lines up to its end marker.
/// Lines that do not start with a PID are ignored. Reads `log` to its end.
RtWindow find_rt_window(std::istream& log);

}  // namespace aetrace::record::test
