// Internal to src/http: what session.cpp and session_stream.cpp share for talking to the socket
// — the Beast/Asio namespace aliases, the completion token that returns errors as values, and
// HTTP/1.1 chunked-encoding framing.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <cstddef>
#include <cstdio>
#include <string_view>

namespace ledgerline::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;

// co_await op(..., kTuple) yields (error_code, result...) instead of throwing.
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";

// Writes the size line ("1a2f\r\n") of a chunk of `size` bytes into `line`; returns its length.
inline std::size_t chunk_size_line(std::size_t size, char (&line)[24]) {
  return static_cast<std::size_t>(std::snprintf(line, sizeof line, "%zx\r\n", size));
}

}  // namespace ledgerline::http
