// Tests for the GROQ geo:: functions, called directly the way the evaluator's dispatch does.
#include "groq/geo.h"
#include "support/json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ledgerline::groq::geo {
namespace {

using test_support::json;

Value call(std::string_view name, std::vector<Value> args) {
  const GeoFunction* f = find_function(name);
  EXPECT_NE(f, nullptr) << name;
  if (!f) return Value::null();
  EXPECT_GE(static_cast<int>(args.size()), f->min_args);
  EXPECT_LE(static_cast<int>(args.size()), f->max_args);
  return f->call(args);
}

const char* const kOslo = R"({"lat": 59.913889, "lng": 10.752222})";
const char* const kStockholm = R"({"lat": 59.329444, "lng": 18.068611})";
// A 10x10 degree square (counter-clockwise) with a 2x2 hole in its middle.
const char* const kSquareWithHole = R"({"type": "Polygon", "coordinates": [
  [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
  [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]]})";

TEST(GeoFind, KnowsEveryGeoFunctionAndNothingElse) {
  for (const char* name :
       {"geo", "geo::latLng", "geo::distance", "geo::contains", "geo::intersects"}) {
    EXPECT_NE(find_function(name), nullptr) << name;
  }
  EXPECT_EQ(find_function("geo::area"), nullptr);
  EXPECT_EQ(find_function("count"), nullptr);
  EXPECT_EQ(find_function("distance"), nullptr);
  EXPECT_EQ(find_function("geo")->min_args, 1);
  EXPECT_EQ(find_function("geo::distance")->max_args, 2);
}

TEST(Geo, GeopointBecomesGeoJsonPointWithLngFirst) {
  EXPECT_EQ(call("geo", {json(R"({"lat": 59.913889, "lng": 10.752222, "extra": "ignored"})")}),
            json(R"({"type": "Point", "coordinates": [10.752222, 59.913889]})"));
}

TEST(Geo, GeoJsonKeepsTypeAndCoordinatesOnly) {
  EXPECT_EQ(call("geo", {json(R"({"type": "Point", "coordinates": [1, 2], "dingbat": {"a": 1}})")}),
            json(R"({"type": "Point", "coordinates": [1, 2]})"));
  Value polygon = json(kSquareWithHole);
  EXPECT_EQ(call("geo", {polygon}), polygon);
  Value collection = json(R"({"type": "GeometryCollection", "geometries": [
      {"type": "Point", "coordinates": [1, 2]}, {"lat": 3, "lng": 4}]})");
  EXPECT_EQ(call("geo", {collection}), json(R"({"type": "GeometryCollection", "geometries": [
      {"type": "Point", "coordinates": [1, 2]}, {"type": "Point", "coordinates": [4, 3]}]})"));
}

TEST(Geo, IsIdempotent) {
  Value once = call("geo", {json(kOslo)});
  EXPECT_EQ(call("geo", {once}), once);
}

TEST(Geo, InvalidValuesAreNull) {
  for (const char* text : {
           "null",
           "1",
           "\"Point\"",
           "[10, 60]",
           "{}",
           R"({"lat": 59.9, "lng": 10.7, "lon": 10.7})",  // ambiguous longitude
           R"({"lat": 59.9})",
           R"({"lng": 10.7})",
           R"({"lat": "59.9", "lng": 10.7})",
           R"({"type": "Point", "coordinates": [100]})",
           R"({"type": "Point", "coordinates": [1, "2"]})",
           R"({"type": "MultiPoint", "coordinates": [100]})",
           R"({"type": "LineString", "coordinates": [10, 10]})",
           R"({"type": "LineString", "coordinates": [[10, 10]]})",
           R"({"type": "LineString", "coordinates": [[1, 1], [1, 1], [2, 2]]})",  // zero-length
                                                                                  // edge
           R"({"type": "MultiLineString", "coordinates": [10, 10]})",
           R"({"type": "Polygon", "coordinates": [100]})",
           R"({"type": "MultiPolygon", "coordinates": [100]})",
           R"({"type": "Polygon", "coordinates": [[[0, 0], [0, 0]]]})",  // too few points
           R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]})",  // too few points
           R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})",  // open
           R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]]]})",
           R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]})",
           R"({"type": "Circle", "coordinates": [1, 2]})",
           R"({"type": "GeometryCollection", "geometries": [{}]})",
       }) {
    EXPECT_TRUE(call("geo", {json(text)}).is_null()) << text;
  }
}

TEST(Geo, ClockwiseRingsAreAccepted) {
  Value clockwise =
      json(R"({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]})");
  EXPECT_EQ(call("geo", {clockwise}), clockwise);
  EXPECT_EQ(call("geo::contains", {clockwise, json(R"({"lat": 0.5, "lng": 0.5})")}),
            Value::boolean(true));
}

TEST(GeoLatLng, BuildsPointOrNull) {
  EXPECT_EQ(call("geo::latLng", {Value::number(59.913889), Value::number(10.752222)}),
            json(R"({"type": "Point", "coordinates": [10.752222, 59.913889]})"));
  EXPECT_TRUE(call("geo::latLng", {Value::number(3.14), Value::null()}).is_null());
  EXPECT_TRUE(call("geo::latLng", {Value::string("1"), Value::number(2)}).is_null());
}

TEST(GeoDistance, HaversineOnWgs84EquatorialRadius) {
  Value d = call("geo::distance", {json(kOslo), json(kStockholm)});
  ASSERT_TRUE(d.is_number());
  EXPECT_NEAR(d.as_number(), 416760.7738822515, 1e-6);
  EXPECT_EQ(call("geo::distance", {json(kStockholm), json(kOslo)}), d);
  // One degree of longitude on the equator: 2 * pi * 6378137 / 360 metres.
  Value degree = call("geo::distance", {call("geo::latLng", {Value::number(0), Value::number(0)}),
                                        call("geo::latLng", {Value::number(0), Value::number(1)})});
  EXPECT_NEAR(degree.as_number(), 111319.49079327357, 1e-6);
}

TEST(GeoDistance, SamePointIsZero) {
  EXPECT_EQ(
      call("geo::distance",
           {json(kOslo), json(R"({"type": "Point", "coordinates": [10.752222, 59.913889]})")}),
      Value::number(0));
}

TEST(GeoDistance, NonPointsGiveNull) {
  EXPECT_TRUE(call("geo::distance", {json(kOslo), Value::null()}).is_null());
  EXPECT_TRUE(call("geo::distance", {json(kOslo), json(kSquareWithHole)}).is_null());
  EXPECT_TRUE(call("geo::distance", {json(R"({"lat": 1})"), json(kOslo)}).is_null());
}

TEST(GeoContains, PointsInsideOutsideAndInHole) {
  Value square = json(kSquareWithHole);
  EXPECT_EQ(call("geo::contains", {square, json(R"({"lat": 2, "lng": 2})")}), Value::boolean(true));
  EXPECT_EQ(call("geo::contains", {square, json(R"({"lat": 5, "lng": 5})")}),
            Value::boolean(false));  // in the hole
  EXPECT_EQ(call("geo::contains", {square, json(R"({"lat": 11, "lng": 5})")}),
            Value::boolean(false));
  EXPECT_EQ(call("geo::contains",
                 {square, json(R"({"type": "MultiPoint", "coordinates": [[1, 1], [11, 1]]})")}),
            Value::boolean(false));
}

TEST(GeoContains, LinesAndPolygons) {
  Value square = json(kSquareWithHole);
  EXPECT_EQ(call("geo::contains",
                 {square, json(R"({"type": "LineString", "coordinates": [[1, 1], [1, 8]]})")}),
            Value::boolean(true));
  EXPECT_EQ(call("geo::contains",
                 {square, json(R"({"type": "LineString", "coordinates": [[1, 1], [12, 1]]})")}),
            Value::boolean(false));
  EXPECT_EQ(
      call(
          "geo::contains",
          {square,
           json(
               R"({"type": "Polygon", "coordinates": [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]})")}),
      Value::boolean(true));
  // Covers the hole, so it is not inside.
  EXPECT_EQ(
      call(
          "geo::contains",
          {square,
           json(
               R"({"type": "Polygon", "coordinates": [[[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]]]})")}),
      Value::boolean(false));
  // A point contains no polygon.
  EXPECT_EQ(call("geo::contains", {json(kOslo), square}), Value::boolean(false));
}

TEST(GeoContains, InvalidArgumentsGiveNull) {
  EXPECT_TRUE(call("geo::contains", {json(kSquareWithHole), Value::null()}).is_null());
  EXPECT_TRUE(call("geo::contains", {json("{}"), json(kOslo)}).is_null());
}

TEST(GeoIntersects, SharedPointsAndDisjointShapes) {
  Value square = json(kSquareWithHole);
  Value crossing = json(R"({"type": "LineString", "coordinates": [[-5, 2], [15, 2]]})");
  Value far_line = json(R"({"type": "LineString", "coordinates": [[20, 20], [30, 20]]})");
  Value in_hole = json(
      R"({"type": "Polygon", "coordinates": [[[4.5, 4.5], [5.5, 4.5], [5.5, 5.5], [4.5, 5.5], [4.5, 4.5]]]})");
  EXPECT_EQ(call("geo::intersects", {square, crossing}), Value::boolean(true));
  EXPECT_EQ(call("geo::intersects", {crossing, square}), Value::boolean(true));
  EXPECT_EQ(call("geo::intersects", {square, far_line}), Value::boolean(false));
  EXPECT_EQ(call("geo::intersects", {square, in_hole}), Value::boolean(false));
  EXPECT_EQ(call("geo::intersects", {square, json(R"({"lat": 1, "lng": 1})")}),
            Value::boolean(true));
  EXPECT_TRUE(call("geo::intersects", {square, Value::number(1)}).is_null());
}

TEST(GeoIntersects, CollectionsIntersectThroughAnyMember) {
  Value collection = json(R"({"type": "GeometryCollection", "geometries": [
      {"lat": 50, "lng": 50}, {"type": "LineString", "coordinates": [[-5, 2], [15, 2]]}]})");
  EXPECT_EQ(call("geo::intersects", {collection, json(kSquareWithHole)}), Value::boolean(true));
  EXPECT_EQ(call("geo::contains", {json(kSquareWithHole), collection}), Value::boolean(false));
}

TEST(GeoEdges, FollowGreatCirclesNotParallels) {
  // A band between latitudes 50 and 60, longitudes 0..90: its northern great-circle edge bulges
  // up to ~67.8N at 45E, so 61N 45E is inside (it would be outside with straight lng/lat edges).
  Value band = json(
      R"({"type": "Polygon", "coordinates": [[[0, 50], [90, 50], [90, 60], [0, 60], [0, 50]]]})");
  EXPECT_EQ(call("geo::contains", {band, json(R"({"lat": 61, "lng": 45})")}), Value::boolean(true));
}

// Parsed polygons are cached by identity; many distinct polygons, reused in turn, must each
// still answer for themselves (eviction and lookups never mix them up).
TEST(GeoCache, DistinctPolygonsNeverShareAnswers) {
  std::vector<Value> squares;
  for (int i = 0; i < 20; ++i) {
    std::string x0 = std::to_string(i * 2), x1 = std::to_string(i * 2 + 1);
    squares.push_back(json(R"({"type": "Polygon", "coordinates": [[[)" + x0 + ", 0], [" + x1 +
                           ", 0], [" + x1 + ", 1], [" + x0 + ", 1], [" + x0 + ", 0]]]}"));
  }
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 20; ++i) {
      Value inside = call("geo::latLng", {Value::number(0.5), Value::number(i * 2 + 0.5)});
      for (int j : {i, (i + 1) % 20, (i + 7) % 20}) {
        EXPECT_EQ(call("geo::contains", {squares[j], inside}), Value::boolean(i == j))
            << "round " << round << " square " << j << " point " << i;
      }
    }
  }
  Value invalid =
      json(R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]})");
  for (int round = 0; round < 2; ++round) EXPECT_TRUE(call("geo", {invalid}).is_null());
}

}  // namespace
}  // namespace ledgerline::groq::geo
