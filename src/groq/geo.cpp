// The GROQ geo:: functions: geo(), geo::latLng, geo::distance (haversine, metres),
// geo::contains and geo::intersects (great-circle edges, Boost.Geometry).
#include "groq/geo.h"

#include <cmath>
#include <numbers>
#include <type_traits>

#include "groq/geo_shapes.h"

namespace ledgerline::groq::geo {
namespace {

// Sphere radius that geo::distance uses: WGS84's equatorial radius, in metres.
constexpr double kEarthRadius = 6378137.0;

template <class Shape>
constexpr int dimension() {
  if constexpr (std::is_same_v<Shape, Point> || std::is_same_v<Shape, MultiPoint>) return 0;
  if constexpr (std::is_same_v<Shape, LineString> || std::is_same_v<Shape, MultiLineString>) {
    return 1;
  }
  return 2;
}

bool within(const Geometry& inner, const Geometry& outer);

// Is every point of `inner` in `outer`, with their interiors meeting (OGC within)?
template <class Inner, class Outer>
bool shape_within(const Inner& inner, const Outer& outer) {
  if constexpr (std::is_same_v<Inner, GeometryCollection>) {
    if (inner.empty()) return false;
    for (const Geometry& member : inner) {
      if (!within(member, Geometry{outer})) return false;
    }
    return true;
  } else if constexpr (std::is_same_v<Outer, GeometryCollection>) {
    for (const Geometry& member : outer) {
      if (within(Geometry{inner}, member)) return true;
    }
    return false;
  } else if constexpr (dimension<Inner>() > dimension<Outer>()) {
    return false;  // an area never fits in a line, nor a line in points
  } else {
    return bg::within(inner, outer);
  }
}

bool within(const Geometry& inner, const Geometry& outer) {
  return std::visit([](const auto& i, const auto& o) { return shape_within(i, o); }, inner.shape,
                    outer.shape);
}

bool intersects(const Geometry& a, const Geometry& b);

template <class A, class B>
bool shape_intersects(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, GeometryCollection>) {
    for (const Geometry& member : a) {
      if (intersects(member, Geometry{b})) return true;
    }
    return false;
  } else if constexpr (std::is_same_v<B, GeometryCollection>) {
    return shape_intersects(b, a);
  } else {
    return bg::intersects(a, b);
  }
}

bool intersects(const Geometry& a, const Geometry& b) {
  return std::visit([](const auto& x, const auto& y) { return shape_intersects(x, y); }, a.shape,
                    b.shape);
}

// Applies a relation to two geo values; null unless both are valid geo values.
template <class Relation>
Value relate(const Value& a, const Value& b, Relation relation) {
  auto ga = geometry_of(a);
  auto gb = geometry_of(b);
  if (!ga || !gb) return Value::null();
  try {
    return Value::boolean(relation(*ga, *gb));
  } catch (const std::exception&) {  // Boost.Geometry rejects some degenerate inputs by throwing
    return Value::null();
  }
}

double radians(double degrees) {
  return degrees * std::numbers::pi / 180.0;
}

// Great-circle distance on a sphere of radius kEarthRadius (haversine formula).
double haversine(double lat1, double lng1, double lat2, double lng2) {
  double sin_dlat = std::sin(radians(lat2 - lat1) / 2);
  double sin_dlng = std::sin(radians(lng2 - lng1) / 2);
  double h =
      sin_dlat * sin_dlat + std::cos(radians(lat1)) * std::cos(radians(lat2)) * sin_dlng * sin_dlng;
  return 2 * kEarthRadius * std::asin(std::sqrt(h));
}

Value geo(std::span<const Value> args) {
  if (!geometry_of(args[0])) return Value::null();
  return geometry_json(args[0]);
}

Value lat_lng(std::span<const Value> args) {
  const Value& lat = args[0];
  const Value& lng = args[1];
  if (!lat.is_number() || !lng.is_number()) return Value::null();
  if (!std::isfinite(lat.as_number()) || !std::isfinite(lng.as_number())) return Value::null();
  return ObjectBuilder()
      .set("type", Value::string("Point"))
      .set("coordinates", Value::array({lng, lat}))
      .build();
}

// Distance between two points in metres; null unless both arguments are geo points.
Value distance(std::span<const Value> args) {
  auto a = geometry_of(args[0]);
  auto b = geometry_of(args[1]);
  if (!a || !b) return Value::null();
  const Point* pa = std::get_if<Point>(&a->shape);
  const Point* pb = std::get_if<Point>(&b->shape);
  if (!pa || !pb) return Value::null();
  return Value::number(
      haversine(bg::get<1>(*pa), bg::get<0>(*pa), bg::get<1>(*pb), bg::get<0>(*pb)));
}

// True when the second geo value lies inside the first.
Value contains(std::span<const Value> args) {
  return relate(args[0], args[1],
                [](const Geometry& a, const Geometry& b) { return within(b, a); });
}

Value intersects_fn(std::span<const Value> args) {
  return relate(args[0], args[1],
                [](const Geometry& a, const Geometry& b) { return intersects(a, b); });
}

struct NamedFunction {
  std::string_view name;
  GeoFunction function;
};

constexpr NamedFunction kFunctions[] = {
    {"geo", {1, 1, &geo}},
    {"geo::latLng", {2, 2, &lat_lng}},
    {"geo::distance", {2, 2, &distance}},
    {"geo::contains", {2, 2, &contains}},
    {"geo::intersects", {2, 2, &intersects_fn}},
};

}  // namespace

const GeoFunction* find_function(std::string_view name) {
  for (const NamedFunction& f : kFunctions) {
    if (f.name == name) return &f.function;
  }
  return nullptr;
}

}  // namespace ledgerline::groq::geo
