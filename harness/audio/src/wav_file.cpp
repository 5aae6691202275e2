#include "aetrace/audio/wav_file.h"

#include <sndfile.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/io/atomic_file.h"
#include "sample_codec.h"

namespace aetrace::audio {
namespace {

constexpr sf_count_t kChunkFrames = 4096;

struct SndfileCloser {
    void operator()(SNDFILE* f) const noexcept { sf_close(f); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

[[noreturn]] void fail(const std::filesystem::path& path, std::string problem) {
    for (char& c : problem)  // libsndfile messages can hold line breaks; InputError is one line
        if (c == '\n' || c == '\r') c = ' ';
    throw InputError(path.string() + ": " + problem);
}

const char* subtype_name(int subtype) {
    switch (subtype) {
        case SF_FORMAT_PCM_S8:
            return "PCM_S8";
        case SF_FORMAT_PCM_16:
            return "PCM_16";
        case SF_FORMAT_PCM_24:
            return "PCM_24";
        case SF_FORMAT_PCM_32:
            return "PCM_32";
        case SF_FORMAT_PCM_U8:
            return "PCM_U8";
        case SF_FORMAT_FLOAT:
            return "FLOAT";
        case SF_FORMAT_DOUBLE:
            return "DOUBLE";
        case SF_FORMAT_ULAW:
            return "ULAW";
        case SF_FORMAT_ALAW:
            return "ALAW";
        case SF_FORMAT_IMA_ADPCM:
            return "IMA_ADPCM";
        case SF_FORMAT_MS_ADPCM:
            return "MS_ADPCM";
        case SF_FORMAT_GSM610:
            return "GSM610";
        case SF_FORMAT_G721_32:
            return "G721_32";
        case SF_FORMAT_G723_24:
            return "G723_24";
        case SF_FORMAT_G723_40:
            return "G723_40";
        case SF_FORMAT_MPEG_LAYER_III:
            return "MPEG_LAYER_III";
        default:
            return nullptr;
    }
}

std::string describe_subtype(int subtype) {
    if (const char* name = subtype_name(subtype)) return name;
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%04x", static_cast<unsigned>(subtype));
    return std::string("subtype ") + buf;
}

std::string major_name(int major) {
    SF_FORMAT_INFO info{};
    info.format = major;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.name)
        return info.name;
    return "unknown container";
}

}  // namespace

PcmBuffer read_wav(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) fail(path, "no such file");
    if (std::filesystem::is_directory(path, ec)) fail(path, "is a directory, not a WAV file");

    SF_INFO info{};
    SndfileHandle file(sf_open(path.string().c_str(), SFM_READ, &info));
    if (!file) fail(path, std::string("not a readable WAV file (") + sf_strerror(nullptr) + ")");

    const int major = info.format & SF_FORMAT_TYPEMASK;
    const int subtype = info.format & SF_FORMAT_SUBMASK;
    if (major != SF_FORMAT_WAV && major != SF_FORMAT_WAVEX && major != SF_FORMAT_RF64)
        fail(path, "not a WAV file (" + major_name(major) + ")");

    abi::StreamFormat format;
    switch (subtype) {
        case SF_FORMAT_PCM_16:
            format.sample_type = abi::SampleType::kInt;
            format.bits_per_sample = 16;
            break;
        case SF_FORMAT_PCM_24:
            format.sample_type = abi::SampleType::kInt;
            format.bits_per_sample = 24;
            break;
        case SF_FORMAT_PCM_32:
            format.sample_type = abi::SampleType::kInt;
            format.bits_per_sample = 32;
            break;
        case SF_FORMAT_FLOAT:
            format.sample_type = abi::SampleType::kFloat;
            format.bits_per_sample = 32;
            break;
        default:
            fail(path, "unsupported sample format " + describe_subtype(subtype) +
                           " (aetrace reads 16/24/32-bit integer or 32-bit float WAV)");
    }
    if (info.channels < 1 || info.channels > 8)
        fail(path, "unsupported channel count " + std::to_string(info.channels) +
                       " (aetrace reads 1 to 8 channels)");
    if (info.samplerate < 1 || info.samplerate > 768000)
        fail(path, "unsupported sample rate " + std::to_string(info.samplerate) + " Hz");
    if (info.frames <= 0) fail(path, "no audio frames");
    format.channels = static_cast<std::uint16_t>(info.channels);
    format.sample_rate = static_cast<std::uint32_t>(info.samplerate);

    PcmBuffer pcm;
    pcm.format = format;
    const std::size_t frame_bytes = format.bytes_per_frame();
    const std::size_t sample_bytes = format.bytes_per_sample();
    // Reserve what the header promises, but never more than the file holds.
    const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
    const std::uintmax_t promised = static_cast<std::uintmax_t>(info.frames) * frame_bytes;
    pcm.bytes.reserve(static_cast<std::size_t>(ec ? 0 : std::min(promised, file_size)));

    // Integers come back left-justified in 32 bits (exact for 16/24/32-bit PCM); floats as stored.
    std::vector<std::int32_t> ints;
    std::vector<float> floats;
    const std::size_t chunk_samples = static_cast<std::size_t>(kChunkFrames) * format.channels;
    if (format.sample_type == abi::SampleType::kFloat)
        floats.resize(chunk_samples);
    else
        ints.resize(chunk_samples);
    for (;;) {
        const sf_count_t got = format.sample_type == abi::SampleType::kFloat
                                   ? sf_readf_float(file.get(), floats.data(), kChunkFrames)
                                   : sf_readf_int(file.get(), ints.data(), kChunkFrames);
        if (got <= 0) break;
        const std::size_t samples = static_cast<std::size_t>(got) * format.channels;
        const std::size_t old = pcm.bytes.size();
        pcm.bytes.resize(old + samples * sample_bytes);
        std::uint8_t* out = pcm.bytes.data() + old;
        for (std::size_t i = 0; i < samples; ++i, out += sample_bytes) {
            const std::uint32_t word = format.sample_type == abi::SampleType::kFloat
                                           ? detail::float_bits(floats[i])
                                           : detail::as_unsigned(ints[i]);
            detail::store_canonical(out, format.bits_per_sample, word);
        }
    }
    if (sf_error(file.get()) != SF_ERR_NO_ERROR)
        fail(path, std::string("read error (") + sf_strerror(file.get()) + ")");
    if (pcm.bytes.empty()) fail(path, "no audio frames");
    // A truncated data chunk yields fewer frames than the header promised: keep what was read.
    pcm.bytes.resize(pcm.bytes.size() / frame_bytes * frame_bytes);
    return pcm;
}

void write_wav(const std::filesystem::path& path, const PcmBuffer& pcm) {
    const abi::StreamFormat& format = pcm.format;
    std::string why;
    if (!abi::is_supported(format, &why)) fail(path, "cannot write format: " + why);

    SF_INFO info{};
    info.samplerate = static_cast<int>(format.sample_rate);
    info.channels = format.channels;
    const bool extensible = format.channels > 2 || format.bits_per_sample > 16;
    info.format = extensible ? SF_FORMAT_WAVEX : SF_FORMAT_WAV;
    if (format.sample_type == abi::SampleType::kFloat)
        info.format |= SF_FORMAT_FLOAT;
    else
        info.format |= format.bits_per_sample == 16   ? SF_FORMAT_PCM_16
                       : format.bits_per_sample == 24 ? SF_FORMAT_PCM_24
                                                      : SF_FORMAT_PCM_32;

    io::AtomicFile out;
    if (!out.open(path)) fail(path, "cannot write (" + out.error() + ")");
    {
        // libsndfile writes through the temp file's descriptor, which `out` keeps owning.
        SndfileHandle file(sf_open_fd(out.descriptor(), SFM_WRITE, &info, SF_FALSE));
        if (!file) fail(path, "cannot write (" + std::string(sf_strerror(nullptr)) + ")");
        // No PEAK chunk: it carries a wall-clock timestamp, and output files should be repeatable.
        sf_command(file.get(), SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
        const std::size_t sample_bytes = format.bytes_per_sample();
        const std::size_t usable = pcm.frames() * format.channels;
        const std::size_t chunk_samples = static_cast<std::size_t>(kChunkFrames) * format.channels;
        std::vector<std::int32_t> ints;
        std::vector<float> floats;
        if (format.sample_type == abi::SampleType::kFloat)
            floats.resize(chunk_samples);
        else
            ints.resize(chunk_samples);
        const std::uint8_t* in = pcm.bytes.data();
        for (std::size_t done = 0; done < usable;) {
            const std::size_t n = std::min(chunk_samples, usable - done);
            for (std::size_t i = 0; i < n; ++i, in += sample_bytes) {
                const std::uint32_t word = detail::load_canonical(in, format.bits_per_sample);
                if (format.sample_type == abi::SampleType::kFloat)
                    floats[i] = detail::as_float(word);
                else
                    ints[i] = detail::as_signed(word);
            }
            const sf_count_t frames = static_cast<sf_count_t>(n / format.channels);
            const sf_count_t put = format.sample_type == abi::SampleType::kFloat
                                       ? sf_writef_float(file.get(), floats.data(), frames)
                                       : sf_writef_int(file.get(), ints.data(), frames);
            if (put != frames)
                fail(path, "write error (" + std::string(sf_strerror(file.get())) + ")");
            done += n;
        }
        if (sf_close(file.release()) != 0) fail(path, "write error while closing");
    }
    if (!out.commit()) {  // fsync, close, rename; the temp file is removed on failure
        if (out.failed_step() == io::Step::kRename)
            fail(path, "cannot rename the temporary file into place (" + out.error() + ")");
        fail(path, "write error while closing (" + out.error() + ")");
    }
}

}  // namespace aetrace::audio
