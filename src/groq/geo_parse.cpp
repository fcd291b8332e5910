// GeoJSON / geopoint Values -> validated Boost.Geometry shapes, and the canonical GeoJSON that
// geo() returns.
#include <cmath>
#include <exception>
#include <string_view>

#include "groq/geo_shapes.h"

namespace ledgerline::groq::geo {
namespace {

// A position is [lng, lat, ...]: at least two finite numbers (altitude and beyond are ignored).
std::optional<Point> parse_position(const Value& v) {
  if (!v.is_array() || v.size() < 2) return std::nullopt;
  auto items = v.as_array();
  for (const Value& n : items) {
    if (!n.is_number() || !std::isfinite(n.as_number())) return std::nullopt;
  }
  return Point(items[0].as_number(), items[1].as_number());
}

template <class Points>
bool parse_positions(const Value& v, std::size_t min_count, Points& out) {
  if (!v.is_array() || v.size() < min_count) return false;
  for (const Value& item : v.as_array()) {
    auto p = parse_position(item);
    if (!p) return false;
    out.push_back(*p);
  }
  return true;
}

bool same_point(const Point& a, const Point& b) {
  return bg::get<0>(a) == bg::get<0>(b) && bg::get<1>(a) == bg::get<1>(b);
}

// A vertex repeated back to back makes a zero-length edge, which has no direction on the sphere.
template <class Points>
bool has_repeated_vertex(const Points& points) {
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (same_point(points[i - 1], points[i])) return true;
  }
  return false;
}

// A line: at least two positions, no zero-length edge.
template <class Line>
bool parse_line(const Value& v, Line& out) {
  return parse_positions(v, 2, out) && !has_repeated_vertex(out);
}

// A linear ring: closed, at least four positions, no zero-length edge.
template <class Ring>
bool parse_ring(const Value& v, Ring& out) {
  return parse_positions(v, 4, out) && same_point(out.front(), out.back()) &&
         !has_repeated_vertex(out);
}

// Rings only; orientation is normalised and topology checked by the caller.
std::optional<Polygon> parse_polygon_rings(const Value& v) {
  if (!v.is_array() || v.size() == 0) return std::nullopt;
  Polygon polygon;
  auto rings = v.as_array();
  if (!parse_ring(rings[0], polygon.outer())) return std::nullopt;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    polygon.inners().emplace_back();
    if (!parse_ring(rings[i], polygon.inners().back())) return std::nullopt;
  }
  return polygon;
}

// Accepts either ring orientation, then requires a simple areal shape (no self-intersections,
// spikes, holes outside the shell, overlapping polygons).
template <class Areal>
bool make_valid_areal(Areal& areal) {
  bg::correct(areal);
  return bg::is_valid(areal);
}

std::optional<Geometry> parse_geojson(std::string_view type, const Value& object);

std::optional<Geometry> parse_coordinates(std::string_view type, const Value& c) {
  if (type == "Point") {
    auto p = parse_position(c);
    if (!p) return std::nullopt;
    return Geometry{*p};
  }
  if (type == "MultiPoint") {
    MultiPoint mp;
    if (!parse_positions(c, 1, mp)) return std::nullopt;
    return Geometry{std::move(mp)};
  }
  if (type == "LineString") {
    LineString line;
    if (!parse_line(c, line)) return std::nullopt;
    return Geometry{std::move(line)};
  }
  if (type == "MultiLineString") {
    if (!c.is_array() || c.size() == 0) return std::nullopt;
    MultiLineString lines;
    for (const Value& item : c.as_array()) {
      lines.emplace_back();
      if (!parse_line(item, lines.back())) return std::nullopt;
    }
    return Geometry{std::move(lines)};
  }
  if (type == "Polygon") {
    auto polygon = parse_polygon_rings(c);
    if (!polygon || !make_valid_areal(*polygon)) return std::nullopt;
    return Geometry{std::move(*polygon)};
  }
  if (type == "MultiPolygon") {
    if (!c.is_array() || c.size() == 0) return std::nullopt;
    MultiPolygon polygons;
    for (const Value& item : c.as_array()) {
      auto polygon = parse_polygon_rings(item);
      if (!polygon) return std::nullopt;
      polygons.push_back(std::move(*polygon));
    }
    if (!make_valid_areal(polygons)) return std::nullopt;
    return Geometry{std::move(polygons)};
  }
  return std::nullopt;
}

std::optional<Geometry> parse_geojson(std::string_view type, const Value& object) {
  if (type == "GeometryCollection") {
    const Value& members = object.get("geometries");
    if (!members.is_array()) return std::nullopt;
    GeometryCollection collection;
    for (const Value& member : members.as_array()) {
      auto g = parse_geometry(member);
      if (!g) return std::nullopt;
      collection.push_back(std::move(*g));
    }
    return Geometry{std::move(collection)};
  }
  return parse_coordinates(type, object.get("coordinates"));
}

bool is_geojson_type(const Value& type) {
  static constexpr std::string_view kTypes[] = {
      "Point",   "MultiPoint",   "LineString",        "MultiLineString",
      "Polygon", "MultiPolygon", "GeometryCollection"};
  if (!type.is_string()) return false;
  for (std::string_view t : kTypes) {
    if (type.as_string() == t) return true;
  }
  return false;
}

// Sanity's geopoint: numeric lat and lng. An object that also has `lon` is ambiguous: rejected.
bool is_geopoint(const Value& object) {
  const Value* lat = object.find("lat");
  const Value* lng = object.find("lng");
  return lat && lng && lat->is_number() && lng->is_number() && std::isfinite(lat->as_number()) &&
         std::isfinite(lng->as_number()) && object.find("lon") == nullptr;
}

}  // namespace

std::optional<Geometry> parse_geometry(const Value& value) {
  if (!value.is_object()) return std::nullopt;
  const Value& type = value.get("type");
  if (is_geojson_type(type)) {
    try {
      return parse_geojson(type.as_string(), value);
    } catch (const std::exception&) {  // Boost.Geometry throws on some degenerate input
      return std::nullopt;
    }
  }
  if (is_geopoint(value)) {
    return Geometry{Point(value.get("lng").as_number(), value.get("lat").as_number())};
  }
  return std::nullopt;
}

Value geometry_json(const Value& value) {
  const Value& type = value.get("type");
  if (!is_geojson_type(type)) {  // geopoint
    return ObjectBuilder()
        .set("type", Value::string("Point"))
        .set("coordinates", Value::array({value.get("lng"), value.get("lat")}))
        .build();
  }
  if (type.as_string() == "GeometryCollection") {
    std::vector<Value> members;
    for (const Value& member : value.get("geometries").as_array()) {
      members.push_back(geometry_json(member));
    }
    return ObjectBuilder()
        .set("type", type)
        .set("geometries", Value::array(std::move(members)))
        .build();
  }
  return ObjectBuilder().set("type", type).set("coordinates", value.get("coordinates")).build();
}

}  // namespace ledgerline::groq::geo
