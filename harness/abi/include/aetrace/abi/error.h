// Errors in user input (files, scenarios, traces, goldens, command lines).
#pragma once

#include <stdexcept>
#include <string>

namespace aetrace {

/// Thrown for bad user input: a missing or unreadable file, an unsupported format, a malformed
/// scenario, trace or golden. what() is one line that names the file (or call) and the problem, for
/// example "fixtures/x.wav: unsupported sample format 8-bit unsigned". The CLI prints it and
/// exits 2.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace aetrace
