namespace FlowerPower.Cloud.Server.Web.Pages;

/// <summary>The web garden's one stylesheet, served from <c>/garden.css</c> (the pages carry no inline style or script, so the policy forbids both).</summary>
internal static class GardenStyles
{
    public const string Css = """
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f7f1;color:#1f2d1f}
        header{display:flex;align-items:center;gap:1rem;padding:.7rem 1rem;background:#2f5d34;color:#fff}
        header a.home{color:#fff;font-weight:600;text-decoration:none;margin-right:auto}
        header .who{font-size:.9rem;opacity:.85}
        header form{margin:0} header button{background:#fff;color:#2f5d34;border:0;border-radius:6px;padding:.35rem .8rem;font-size:.9rem}
        main{padding:1rem;max-width:1200px;margin:0 auto}
        h1{font-size:1.4rem;margin:.3rem 0 1rem}
        .plants{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem}
        .plant{background:#fff;border-radius:12px;padding:1rem;box-shadow:0 1px 3px #0002;display:flex;flex-direction:column;gap:.5rem}
        .plant h2{font-size:1.15rem;margin:0} .plant h2 a{color:inherit}
        .top{display:flex;gap:.8rem;align-items:center}
        .picture{width:56px;height:56px;border-radius:50%;background:#cfe3c8;color:#2f5d34;display:flex;align-items:center;justify-content:center;font-size:1.6rem;font-weight:600;flex:none}
        .readings{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.92rem;color:#445}
        .alert{border-radius:8px;padding:.35rem .6rem;font-size:.92rem}
        .Critical{background:#fde2e1;color:#8a1c14} .Warning{background:#fff3cd;color:#6b4e00} .Predicted{background:#e2ecfd;color:#1d3f80}
        .ok{color:#2d6a2d;margin:0} .quiet{color:#667;font-size:.9rem;margin:0}
        svg{width:100%;height:auto;display:block} .legend{font-size:.8rem;color:#667}
        .spans{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0 1rem} .spans a{padding:.3rem .7rem;border-radius:6px;background:#fff;color:#2f5d34;text-decoration:none;border:1px solid #cfe3c8}
        .spans a.current{background:#2f5d34;color:#fff}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1rem}
        .chart{background:#fff;border-radius:12px;padding:.8rem;box-shadow:0 1px 3px #0002} .chart h2{font-size:1rem;margin:0 0 .3rem}
        .sensor{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;font-size:.92rem;margin:0 0 1rem}
        .line{fill:none;stroke-width:1.6} .light{stroke:#d99a00} .moisture{stroke:#2b6cb0} .fertilizer{stroke:#7a4fb5} .temperature{stroke:#c0392b}
        .range{stroke:none;opacity:.18} .range.light{fill:#d99a00} .range.moisture{fill:#2b6cb0} .range.fertilizer{fill:#7a4fb5} .range.temperature{fill:#c0392b}
        .dot{stroke:none} .dot.light{fill:#d99a00} .dot.moisture{fill:#2b6cb0} .dot.fertilizer{fill:#7a4fb5} .dot.temperature{fill:#c0392b}
        .key::before{content:"";display:inline-block;width:14px;height:3px;margin:0 4px 0 2px;vertical-align:middle;border-radius:2px}
        .moisture-key::before{background:#2b6cb0} .light-key::before{background:#d99a00}
        .age{font-size:.85rem;color:#556;margin:0} .age.stale{color:#8a5a00} .ok.stale{color:#667}
        .alert.stale{opacity:.75} .tag{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;margin-right:.3rem}
        .band{fill:#5aa36a;opacity:.13} .grid{stroke:#e3e8e0} .axis{font-size:11px;fill:#667} .water{stroke:#2b6cb0;stroke-dasharray:3 3;opacity:.7}
        form.sign-in{background:#fff;max-width:380px;margin:2rem auto;padding:1.4rem;border-radius:12px;box-shadow:0 1px 3px #0002;display:flex;flex-direction:column;gap:.7rem}
        form.sign-in input{padding:.55rem;border:1px solid #bbb;border-radius:6px;font-size:1rem}
        form.sign-in button{padding:.6rem;border:0;border-radius:6px;background:#2f5d34;color:#fff;font-size:1rem}
        .error{color:#8a1c14;margin:0}
        a.download{display:inline-block;margin:1rem 0}
        @media (max-width:520px){.charts{grid-template-columns:1fr} main{padding:.6rem}}
        """;
}
