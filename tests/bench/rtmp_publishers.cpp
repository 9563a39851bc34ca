// rtmp_publishers: many live publishers from one process, for the ingest at scale. Each publisher
// is a thread that sends a pre-encoded FLV file (looped, timestamps carried on) to
// RTMP_URL/KEY at the pace of its timestamps, as a broadcaster would, without encoding anything.
// Prints one JSON line: how many connected, how long publishing took to be accepted (nginx-rtmp's
// on_publish hook to nova-server included), how late the sends ran at worst, and failures.
//   rtmp_publishers --file clip.flv --rtmp rtmp://127.0.0.1:1935/live --keys FILE --seconds 60

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/time.h>
}

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {
using Clock = std::chrono::steady_clock;

struct Result
{
    bool connected = false;
    double connectMs = 0;
    double worstLateMs = 0;
    long packets = 0;
    std::string error;
};

struct Options
{
    std::string file;
    std::string rtmp;
    std::string keys;
    double seconds = 60;
};

std::string errorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

void publish(const Options &options, const std::string &key, Clock::time_point stopAt,
             Result &result)
{
    AVFormatContext *input = nullptr;
    int code = avformat_open_input(&input, options.file.c_str(), nullptr, nullptr);
    if (code < 0 || (code = avformat_find_stream_info(input, nullptr)) < 0) {
        result.error = "cannot read " + options.file + ": " + errorText(code);
        avformat_close_input(&input);
        return;
    }
    const std::string url = options.rtmp + "/" + key;
    AVFormatContext *output = nullptr;
    avformat_alloc_output_context2(&output, nullptr, "flv", url.c_str());
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        AVStream *stream = avformat_new_stream(output, nullptr);
        avcodec_parameters_copy(stream->codecpar, input->streams[i]->codecpar);
        stream->codecpar->codec_tag = 0;
        stream->time_base = input->streams[i]->time_base;
    }
    const auto connecting = Clock::now();
    code = avio_open(&output->pb, url.c_str(), AVIO_FLAG_WRITE);
    if (code >= 0)
        code = avformat_write_header(output, nullptr);
    if (code < 0) {
        result.error = "cannot publish: " + errorText(code);
    } else {
        result.connected = true;
        result.connectMs =
            std::chrono::duration<double, std::milli>(Clock::now() - connecting).count();
        const auto start = Clock::now();
        const std::int64_t loopLength = input->duration > 0 ? input->duration : AV_TIME_BASE;
        std::int64_t offset = 0; // in AV_TIME_BASE, added on each loop
        AVPacket *packet = av_packet_alloc();
        while (Clock::now() < stopAt) {
            code = av_read_frame(input, packet);
            if (code == AVERROR_EOF) {
                offset += loopLength;
                av_seek_frame(input, -1, 0, AVSEEK_FLAG_BACKWARD);
                continue;
            }
            if (code < 0) {
                result.error = "cannot read: " + errorText(code);
                break;
            }
            const AVRational base = input->streams[packet->stream_index]->time_base;
            const std::int64_t shift = av_rescale_q(offset, AV_TIME_BASE_Q, base);
            if (packet->pts != AV_NOPTS_VALUE)
                packet->pts += shift;
            if (packet->dts != AV_NOPTS_VALUE)
                packet->dts += shift;
            const std::int64_t at = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
            const auto due =
                start + std::chrono::microseconds(av_rescale_q(at, base, AV_TIME_BASE_Q));
            const auto now = Clock::now();
            if (due > now)
                std::this_thread::sleep_until(due);
            else
                result.worstLateMs =
                    std::max(result.worstLateMs,
                             std::chrono::duration<double, std::milli>(now - due).count());
            av_packet_rescale_ts(packet, base, output->streams[packet->stream_index]->time_base);
            code = av_write_frame(output, packet);
            av_packet_unref(packet);
            if (code < 0) {
                result.error = "the server closed the stream: " + errorText(code);
                break;
            }
            ++result.packets;
        }
        av_packet_free(&packet);
        av_write_trailer(output);
    }
    avio_closep(&output->pb);
    avformat_free_context(output);
    avformat_close_input(&input);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5))];
}
} // namespace

int main(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const std::string value = argv[i + 1];
        if (name == "--file")
            options.file = value;
        else if (name == "--rtmp")
            options.rtmp = value;
        else if (name == "--keys")
            options.keys = value;
        else if (name == "--seconds")
            options.seconds = std::stod(value);
    }
    if (options.file.empty() || options.rtmp.empty() || options.keys.empty()) {
        std::fprintf(stderr,
                     "usage: rtmp_publishers --file FLV --rtmp URL --keys FILE [--seconds S]\n");
        return 2;
    }
    std::vector<std::string> keys;
    std::ifstream list(options.keys);
    for (std::string line; std::getline(list, line);) {
        if (!line.empty())
            keys.push_back(line);
    }
    av_log_set_level(AV_LOG_ERROR);
    avformat_network_init();

    std::vector<Result> results(keys.size());
    std::vector<std::thread> threads;
    const auto stopAt = Clock::now() + std::chrono::milliseconds(long(options.seconds * 1000));
    for (std::size_t i = 0; i < keys.size(); ++i)
        threads.emplace_back([&, i] { publish(options, keys[i], stopAt, results[i]); });
    for (std::thread &thread : threads)
        thread.join();

    std::vector<double> connects;
    double worstLate = 0;
    int failed = 0;
    long packets = 0;
    std::string firstError;
    for (const Result &result : results) {
        if (result.connected)
            connects.push_back(result.connectMs);
        worstLate = std::max(worstLate, result.worstLateMs);
        packets += result.packets;
        if (!result.error.empty()) {
            ++failed;
            if (firstError.empty())
                firstError = result.error;
        }
    }
    std::printf(
        "{\"publishers\":%zu,\"connected\":%zu,\"failed\":%d,\"publish_p50_ms\":%.1f,"
        "\"publish_p99_ms\":%.1f,\"worst_late_ms\":%.1f,\"packets\":%ld,\"first_error\":\"%s\"}\n",
        keys.size(), connects.size(), failed, percentile(connects, 0.5), percentile(connects, 0.99),
        worstLate, packets, firstError.c_str());
    return failed == 0 ? 0 : 1;
}
