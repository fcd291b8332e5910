// Internal to the geo functions (include only from src/groq/geo*.cpp: it pulls in Boost.Geometry):
// the geometry model (WGS84 lng/lat degrees on a sphere) and GeoJSON <-> geometry conversion.
#pragma once

#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include <boost/geometry.hpp>

#include "util/value.h"

namespace ledgerline::groq::geo {

namespace bg = boost::geometry;

// Edges are great-circle arcs, as on a globe; x = longitude, y = latitude.
using CoordinateSystem = bg::cs::spherical_equatorial<bg::degree>;
using Point = bg::model::point<double, 2, CoordinateSystem>;
using MultiPoint = bg::model::multi_point<Point>;
using LineString = bg::model::linestring<Point>;
using MultiLineString = bg::model::multi_linestring<LineString>;
// Counter-clockwise exterior rings, as RFC 7946 prescribes; rings repeat their first point.
using Polygon = bg::model::polygon<Point, /*ClockWise=*/false, /*Closed=*/true>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;

struct Geometry;
using GeometryCollection = std::vector<Geometry>;

// One parsed, validated geo value.
struct Geometry {
  std::variant<Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon,
               GeometryCollection>
      shape;
};

// Parses a GeoJSON geometry object or a Sanity geopoint ({lat, lng}); nullopt when the value is
// not a valid geo value (wrong shape, too few points, self-intersecting rings, ...).
std::optional<Geometry> parse_geometry(const Value& value);

// parse_geometry through a small per-thread cache keyed by value (identity, then contents):
// checking a large polygon's topology takes milliseconds, and a query applies the same polygon
// (a literal or a parameter) to every document. nullptr when the value is not a valid geo value.
std::shared_ptr<const Geometry> geometry_of(const Value& value);

// The GeoJSON object geo() returns for a valid value: {type, coordinates} (or {type, geometries}),
// without the input's other members.
Value geometry_json(const Value& value);

}  // namespace ledgerline::groq::geo
