import "server-only";
import { GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { cloudTrailClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import { trailId, type DescribedTrails } from "./log-files";
import type { TrailFacts } from "./trail-coverage";

// What trail-coverage.ts needs to know about each of the account's trails: home region, multi-
// region and organization flags (DescribeTrails), whether it is logging (GetTrailStatus) and its
// event selectors (GetEventSelectors), each asked in the trail's home region by ARN, because a
// multi-region trail shows up (as a shadow) in every region's DescribeTrails.

export async function readTrailFacts({ region, trails }: DescribedTrails): Promise<TrailFacts[]> {
  const unique = [...new Map(trails.map((t) => [trailId(t), t])).values()];
  return Promise.all(
    unique.map(async (t): Promise<TrailFacts> => {
      const home = t.HomeRegion ?? region;
      const client = cloudTrailClient(home);
      const id = trailId(t);
      const [logging, selectors] = await Promise.all([
        client
          .send(new GetTrailStatusCommand({ Name: id }))
          .then((s) => s.IsLogging ?? null)
          .catch(() => null),
        client.send(new GetEventSelectorsCommand({ TrailName: id })).then(
          (s): TrailFacts["selectors"] =>
            s.AdvancedEventSelectors?.length
              ? { basic: null, advanced: s.AdvancedEventSelectors }
              : // No selectors at all is a trail never given any: CloudTrail's default records all management events.
                { basic: s.EventSelectors?.length ? s.EventSelectors : [{}], advanced: null },
          (err: unknown) => ({ error: awsCallError(err, "GetEventSelectors", id).message }),
        ),
      ]);
      return {
        arn: id,
        name: t.Name ?? id,
        homeRegion: home,
        multiRegion: t.IsMultiRegionTrail ?? false,
        organization: t.IsOrganizationTrail ?? false,
        logging,
        selectors,
      };
    }),
  );
}
