namespace SmsVerify.ContentModel;

/// <summary>
/// A held-out split, stratified by label and source, that keeps each group (a template) on one side, from a fixed
/// seed: the same corpus and seed always give the same split.
/// </summary>
internal static class Split
{
    public static (List<Sample> Train, List<Sample> Test) Make(List<Sample> samples, double testShare, int seed)
    {
        var random = new Random(seed);
        HashSet<string> testGroups = [];
        foreach (var stratum in samples.GroupBy(s => (s.Label, s.Source)).OrderBy(g => g.Key.Label).ThenBy(g => g.Key.Source, StringComparer.Ordinal))
        {
            var target = (int)Math.Round(stratum.Count() * testShare);
            var groups = stratum.GroupBy(s => s.Group).Select(g => (g.Key, Count: g.Count())).ToArray();
            random.Shuffle(groups);
            var taken = 0;
            foreach (var (group, count) in groups)
            {
                if (taken >= target)
                {
                    break;
                }
                if (taken + count <= target)
                {
                    testGroups.Add(group);
                    taken += count;
                }
            }
        }
        return (samples.Where(s => !testGroups.Contains(s.Group)).ToList(), samples.Where(s => testGroups.Contains(s.Group)).ToList());
    }
}
